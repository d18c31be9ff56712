using System.Text.Json;
using System.Text.Unicode;
using Arbiter.Core;

namespace Arbiter.Venues;

/// <summary>Reads a frame's symbol string and resolves it to a watched instrument, without allocating.</summary>
internal static class SymbolToken
{
    /// <summary>
    /// Reads the next token. False when it is not a plain (unescaped) string or not valid UTF-8: the frame is malformed.
    /// True otherwise, with <paramref name="instrument"/> null when the symbol is well-formed but not watched.
    /// </summary>
    public static bool TryRead(ref Utf8JsonReader reader, Utf8SymbolMap<Instrument> symbols, out Instrument? instrument)
    {
        instrument = null;
        if (!reader.Read() || reader.TokenType != JsonTokenType.String || reader.ValueIsEscaped)
        {
            return false;
        }

        if (symbols.TryGet(reader.ValueSpan, out var found))
        {
            instrument = found;
            return true;
        }

        return Utf8.IsValid(reader.ValueSpan); // the reader does not check string contents
    }
}
