using Shouldly;

namespace Arbiter.Venues.Tests.Shared;

public sealed class ConnectionTableTests
{
    private static readonly ConnectionTable Table = new([new ConnectionSpec("okx-0", new Uri("wss://a")), new ConnectionSpec("okx-1", new Uri("wss://a"))]);

    [Fact]
    public void IndexOf_PhysicalIds_MapToTheirSpec()
    {
        var table = new ConnectionTable([new ConnectionSpec("okx-0", new Uri("wss://a")), new ConnectionSpec("okx-1", new Uri("wss://a"))]);
        table.IndexOf("okx-1#7").ShouldBe(1);
        table.IndexOf("okx-0").ShouldBe(0);
        table.IndexOf("okx-2#1").ShouldBe(-1);
        table.IndexOf("okx-1x#1").ShouldBe(-1);
    }

    [Fact]
    public void Overlap_NewOpensBeforeOldCloses_OldFramesAndCloseAreIgnored()
    {
        var table = new ConnectionTable([new ConnectionSpec("okx-0", new Uri("wss://a"))]);
        table.Opened("okx-0#1").ShouldBe(0);
        table.CurrentIndexOf("okx-0#1").ShouldBe(0);
        table.Opened("okx-0#2").ShouldBe(0);
        table.CurrentIndexOf("okx-0#1").ShouldBe(-1);
        table.CurrentIndexOf("okx-0#2").ShouldBe(0);
        table.Closed("okx-0#1").ShouldBe(-1);
        table.Closed("okx-0#2").ShouldBe(0);
    }

    [Fact]
    public void Closed_Foreign_IsMinusOne() => Table.Closed("kraken-0#1").ShouldBe(-1);
}
