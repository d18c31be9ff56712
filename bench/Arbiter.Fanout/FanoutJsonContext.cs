using System.Text.Json.Serialization;

namespace Arbiter.Fanout;

/// <summary>Source-generated JSON for the one line the client process reports.</summary>
[JsonSerializable(typeof(FleetReport))]
internal sealed partial class FanoutJsonContext : JsonSerializerContext;
