using System.Text;
using System.Text.Json;
using Arbiter.Core;
using Arbiter.Engine;

namespace Arbiter.Replay;

/// <summary>Writes the engine's books as JSON Lines: one line per instrument, every level held, best first, decimal strings.</summary>
public static class BooksFileWriter
{
    public static void Write(string path, MarketEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        foreach (var instrument in engine.Instruments)
        {
            var state = engine.GetState(instrument, out _);
            var book = engine.GetBook(instrument);
            using (var w = new Utf8JsonWriter(stream))
            {
                w.WriteStartObject();
                w.WriteString("venue", instrument.Venue.Name());
                w.WriteString("symbol", instrument.Symbol);
                w.WriteString("state", state.ToString());
                WriteSide(w, "bids", instrument, book?.Bids);
                WriteSide(w, "asks", instrument, book?.Asks);
                w.WriteEndObject();
            }

            stream.Write("\n"u8);
        }
    }

    private static void WriteSide(Utf8JsonWriter w, string name, Instrument instrument, BookSide? side)
    {
        w.WriteStartArray(name);
        for (var i = 0; side is not null && i < side.Count; i++)
        {
            w.WriteStartArray();
            w.WriteStringValue(instrument.FormatPrice(side.PriceAt(i)));
            w.WriteStringValue(instrument.FormatQuantity(side.QuantityAt(i)));
            w.WriteEndArray();
        }

        w.WriteEndArray();
    }
}
