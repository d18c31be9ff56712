using System.Text;
using System.Text.Json;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>Writes an exact decimal as a JSON number (no trip through double), as Coinbase's and Dunamu's numeric fields.</summary>
internal static class SimJsonWriterExtensions
{
    public static void WriteNumberValueProperty(this Utf8JsonWriter writer, string name, decimal value)
    {
        writer.WritePropertyName(name);
        writer.WriteRawValue(Encoding.ASCII.GetBytes(FixedPoint.Format(value)), skipInputValidation: true);
    }
}
