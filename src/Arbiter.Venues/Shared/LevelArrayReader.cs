using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// The <see cref="Utf8JsonReader"/> path for level arrays of quoted decimals, <c>[["price","qty"],...]</c>, shared by the
/// parsers whose frames spell them so (Binance, Gate.io, Bybit): read now, or deferred until the instrument is known, and
/// the numbers read exactly at the instrument's scales through <see cref="DecimalText"/> (i.e. FixedPoint).
/// </summary>
internal static class LevelArrayReader
{
    private const int MaxDepth = 8;

    /// <summary>
    /// The reader on the value of a level-array property: reads it into <paramref name="levels"/> when
    /// <paramref name="readNow"/> is given, else records where it is (<paramref name="start"/>..<paramref name="end"/>)
    /// for <see cref="ReadDeferred"/>. A value that is no array sets <paramref name="badLevels"/> and is skipped; it
    /// fails only where <paramref name="arrayRequired"/>.
    /// </summary>
    public static bool ReadOrDefer(ref Utf8JsonReader reader, LevelList levels, Instrument? readNow, bool arrayRequired, ref bool badLevels, out int start, out int end)
    {
        start = 0;
        end = 0;
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            badLevels = true;
            reader.Skip();
            return !arrayRequired;
        }

        if (readNow is not null)
        {
            return ReadLevels(ref reader, levels, readNow, skipZero: false);
        }

        start = (int)reader.TokenStartIndex;
        reader.Skip();
        end = (int)reader.BytesConsumed;
        return true;
    }

    /// <summary>Reads a level array recorded by <see cref="ReadOrDefer"/>.</summary>
    public static bool ReadDeferred(ReadOnlySpan<byte> array, LevelList levels, Instrument instrument)
    {
        var reader = new Utf8JsonReader(array, new JsonReaderOptions { MaxDepth = MaxDepth });
        return reader.Read() && ReadLevels(ref reader, levels, instrument, skipZero: false);
    }

    /// <summary>
    /// Reads <c>[["price","qty"],...]</c>, the reader on its StartArray; prices must be positive. With
    /// <paramref name="skipZero"/> (a snapshot) levels of quantity 0 are left out.
    /// </summary>
    public static bool ReadLevels(ref Utf8JsonReader reader, LevelList levels, Instrument instrument, bool skipZero)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var priceScale = instrument.PriceScale;
        var quantityScale = instrument.QuantityScale;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray)
            {
                return true;
            }

            if (reader.TokenType != JsonTokenType.StartArray
                || !ReadDecimal(ref reader, priceScale, out var price) || price <= 0
                || !ReadDecimal(ref reader, quantityScale, out var quantity)
                || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
            {
                return false;
            }

            if (quantity != 0 || !skipZero)
            {
                levels.Add(price, quantity);
            }
        }

        return false;
    }

    /// <summary>Reads the next token, an unescaped string of a decimal, as units at <paramref name="scale"/>.</summary>
    public static bool ReadDecimal(ref Utf8JsonReader reader, int scale, out long units)
    {
        units = 0;
        return reader.Read()
            && reader.TokenType == JsonTokenType.String
            && !reader.ValueIsEscaped
            && DecimalText.TryParse(reader.ValueSpan, scale, out units);
    }

    /// <summary>Reads a non-negative integer value (update ids, times), the reader on its property name.</summary>
    public static bool ReadId(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value) && value >= 0;
    }
}
