using System.Globalization;
using Arbiter.Core;
using Arbiter.Tests.Support;

namespace Arbiter.Tests.Contract;

/// <summary>Appends a fault run's figures to the file named by ARBITER_CONTRACT_REPORT (the soak command sets it and prints the file).</summary>
internal static class ContractReport
{
    public static void Write(VenueId venue, int injections, FaultHarness harness)
    {
        var line = string.Create(
            CultureInfo.InvariantCulture,
            $"contract {venue.Name()}: {injections} injections, {harness.SyncedChecks} synced books checked, {harness.SyncedMismatches} differed, " +
            $"checksum corruptions caught {harness.ChecksumCorruptionsCaught}/{harness.ChecksumCorruptionsDelivered}, zero-checksum resyncs {harness.ChecksumZeroResyncs}/{harness.ChecksumZeroDelivered}, " +
            $"resyncs {harness.ResyncDurations.Count}, p50 {harness.ResyncPercentile(50) / 1000} ms, p99 {harness.ResyncPercentile(99) / 1000} ms, max {harness.ResyncPercentile(100) / 1000} ms (simulated)");
        if (Environment.GetEnvironmentVariable("ARBITER_CONTRACT_REPORT") is { Length: > 0 } path)
        {
            File.AppendAllLines(path, [line]);
        }
    }
}
