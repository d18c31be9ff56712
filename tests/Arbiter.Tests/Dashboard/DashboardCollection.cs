namespace Arbiter.Tests.Dashboard;

/// <summary>The browser tests share one demo and one Chromium (<see cref="DashboardFixture"/>) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DashboardCollection : ICollectionFixture<DashboardFixture>
{
    public const string Name = "Dashboard in Chromium";
}
