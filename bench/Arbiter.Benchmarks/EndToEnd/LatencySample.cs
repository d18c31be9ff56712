using Arbiter.Core;

namespace Arbiter.Benchmarks.EndToEnd;

/// <summary>One applied book event: its venue, its receive stamp (unix µs) and gate-stamp-to-applied latency in µs.</summary>
internal readonly record struct LatencySample(VenueId Venue, long ReceiveTime, double LatencyMicros);
