namespace Arbiter.Core;

/// <summary>Registry of every instrument in a run: gives each a dense <see cref="Instrument.Id"/> so that state can live in arrays.</summary>
/// <remarks>Thread-safe for adds; lookups by id are lock-free.</remarks>
public sealed class InstrumentCatalog
{
    private readonly object gate = new();
    private readonly Dictionary<(VenueId, string), Instrument> bySymbol = new();
    private Instrument[] byId = new Instrument[64];
    private int count;

    public int Count => Volatile.Read(ref count);

    public Instrument this[int id]
    {
        get
        {
            if ((uint)id >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(id));
            }

            return Volatile.Read(ref byId)[id];
        }
    }

    /// <summary>Adds the instrument, or returns the one already registered for its venue and symbol.</summary>
    public Instrument Add(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        lock (gate)
        {
            if (bySymbol.TryGetValue((instrument.Venue, instrument.Symbol), out var existing))
            {
                return existing;
            }

            if (instrument.Id >= 0)
            {
                throw new InvalidOperationException($"{instrument} already belongs to another catalog.");
            }

            if (count == byId.Length)
            {
                var grown = new Instrument[byId.Length * 2];
                Array.Copy(byId, grown, count);
                Volatile.Write(ref byId, grown);
            }

            instrument.Id = count;
            byId[count] = instrument;
            bySymbol.Add((instrument.Venue, instrument.Symbol), instrument);
            Volatile.Write(ref count, count + 1);
            return instrument;
        }
    }

    public bool TryGet(VenueId venue, string symbol, out Instrument instrument)
    {
        lock (gate)
        {
            return bySymbol.TryGetValue((venue, symbol), out instrument!);
        }
    }
}
