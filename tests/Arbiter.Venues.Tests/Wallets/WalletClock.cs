using Arbiter.Core;

namespace Arbiter.Venues.Tests.Wallets;

/// <summary>The fixed clock of the wallet tests: 2026-11-21T13:00:00.123Z = unix ms 1795266000123.</summary>
internal static class WalletClock
{
    public const long UnixMs = 1795266000123;

    public const long Now = 1_795_266_000_123_000; // the snapshot time passed to FetchAsync, unix µs

    public static ManualTimeProvider Create() => new(new DateTimeOffset(2026, 11, 21, 13, 0, 0, 123, TimeSpan.Zero));
}
