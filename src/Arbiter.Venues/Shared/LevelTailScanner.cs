using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>
/// The fast path for the level arrays at the end of a book frame (Binance's depthUpdate, Gate.io's order_book_update), the
/// bulk of every frame: scans <c>"b":[["price","qty"],...],"a":[...]</c> and the decimals inside it in one pass instead of
/// token by token, on the primitives of <see cref="LevelArrayScanner"/>. It accepts only the canonical shape: unescaped strings
/// of plain <c>digits[.digits]</c> with at most 12 integer digits and no non-zero digit below the instrument's scale,
/// and a value below 10^18 units. Anything else returns false and the caller re-parses the whole frame on the
/// <see cref="System.Text.Json.Utf8JsonReader"/> + <see cref="FixedPoint"/> path, which has the final word; so both
/// paths always agree on what they accept and on the values.
/// </summary>
internal static class LevelTailScanner
{
    private const int MaxDepth = 8;

    /// <summary>
    /// Clears <paramref name="update"/>, then reads a whole frame: the reader up to the bid array of a book frame, then the level arrays scanned directly
    /// (<see cref="TailFrameRead.Scanned"/>); when the tail is not the canonical shape, again from the start on the reader
    /// alone, which has the final word (<see cref="TailFrameRead.Read"/>, to be classified by the caller).
    /// </summary>
    public static TailFrameRead ReadFrame<TFrame, TFields>(ReadOnlySpan<byte> utf8, Utf8SymbolMap<Instrument> symbols, MarketEvent update, ref TFields fields)
        where TFrame : struct, ILevelTailFrame<TFields>
        where TFields : struct
    {
        update.Instrument = null;
        update.Sequence = 0;
        update.ExchangeTime = 0;
        update.Bids.Clear();
        update.Asks.Clear();
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return TailFrameRead.Malformed;
        }

        var read = TFrame.ReadObject(ref reader, symbols, update, ref fields, fast: true);
        if (read == ObjectRead.FastTail
            && TryScanTail(utf8, (int)reader.BytesConsumed, TFrame.ClosingBraces(ref fields), update, update.Instrument!))
        {
            return TailFrameRead.Scanned;
        }

        if (read == ObjectRead.Malformed)
        {
            return TailFrameRead.Malformed;
        }

        if (read == ObjectRead.FastTail)
        {
            // Not the canonical shape: start again on the reader alone, which has the final word.
            update.Instrument = null;
            update.Bids.Clear();
            update.Asks.Clear();
            fields = default;
            reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = MaxDepth });
            reader.Read();
            read = TFrame.ReadObject(ref reader, symbols, update, ref fields, fast: false);
        }

        return read != ObjectRead.Done || reader.Read() ? TailFrameRead.Malformed : TailFrameRead.Read;
    }

    /// <summary>
    /// From <paramref name="pos"/> (just after the <c>"b"</c> property name): the bid array, <c>,"a":</c>, the ask array,
    /// then exactly <paramref name="closingBraces"/> closing braces and nothing but whitespace to the end.
    /// </summary>
    public static bool TryScanTail(ReadOnlySpan<byte> utf8, int pos, int closingBraces, MarketEvent update, Instrument instrument)
    {
        if (!LevelArrayScanner.TryScanSides<QuotedPairLevel>(utf8, ref pos, update, instrument, "\"a\""u8))
        {
            return false;
        }

        for (var i = 0; i < closingBraces; i++)
        {
            if (!LevelArrayScanner.Expect(utf8, ref pos, (byte)'}'))
            {
                return false;
            }
        }

        return LevelArrayScanner.AtEnd(utf8, pos);
    }
}

/// <summary>A venue's frame for <see cref="LevelTailScanner.ReadFrame"/>; implemented by a struct so each use is compiled on its own.</summary>
internal interface ILevelTailFrame<TFields>
    where TFields : struct
{
    /// <summary>
    /// Reads the frame's top-level object, the reader on its StartObject; with <paramref name="fast"/> it may stop just after
    /// the <c>"b"</c> property name of a book frame (<see cref="ObjectRead.FastTail"/>).
    /// </summary>
    static abstract ObjectRead ReadObject(ref Utf8JsonReader reader, Utf8SymbolMap<Instrument> symbols, MarketEvent update, ref TFields fields, bool fast);

    /// <summary>How many closing braces follow the ask array of a frame stopped at <see cref="ObjectRead.FastTail"/>.</summary>
    static abstract int ClosingBraces(ref TFields fields);
}

/// <summary>How <see cref="LevelTailScanner.ReadFrame"/> read a frame.</summary>
internal enum TailFrameRead : byte
{
    /// <summary>Invalid, or a wrong type or value.</summary>
    Malformed,

    /// <summary>A book frame, its level arrays scanned on the fast path.</summary>
    Scanned,

    /// <summary>Read to its end on the reader alone.</summary>
    Read,
}
