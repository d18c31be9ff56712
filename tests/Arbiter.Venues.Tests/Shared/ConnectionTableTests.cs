
namespace Arbiter.Venues.Tests.Shared;

public sealed class ConnectionTableTests
{
    private static readonly ConnectionTable Table = new([new ConnectionSpec("okx-0", new Uri("wss://a")), new ConnectionSpec("okx-1", new Uri("wss://a"))]);

    [Fact]
    public void IndexOf_PhysicalIds_MapToTheirSpec()
    {
        var table = new ConnectionTable([new ConnectionSpec("okx-0", new Uri("wss://a")), new ConnectionSpec("okx-1", new Uri("wss://a"))]);
        Assert.Equal(1, table.IndexOf("okx-1#7"));
        Assert.Equal(0, table.IndexOf("okx-0"));
        Assert.Equal(-1, table.IndexOf("okx-2#1"));
        Assert.Equal(-1, table.IndexOf("okx-1x#1"));
    }

    [Fact]
    public void Overlap_NewOpensBeforeOldCloses_OldFramesAndCloseAreIgnored()
    {
        var table = new ConnectionTable([new ConnectionSpec("okx-0", new Uri("wss://a"))]);
        Assert.Equal(0, table.Opened("okx-0#1"));
        Assert.Equal(0, table.CurrentIndexOf("okx-0#1"));
        Assert.Equal(0, table.Opened("okx-0#2"));
        Assert.Equal(-1, table.CurrentIndexOf("okx-0#1"));
        Assert.Equal(0, table.CurrentIndexOf("okx-0#2"));
        Assert.Equal(-1, table.Closed("okx-0#1"));
        Assert.Equal(0, table.Closed("okx-0#2"));
    }

    [Fact]
    public void Closed_Foreign_IsMinusOne() => Assert.Equal(-1, Table.Closed("kraken-0#1"));
}
