using System.Text;
using Arbiter.Venues.Tests.TestSupport;

namespace Arbiter.Venues.Tests.Wallets;

/// <summary>What <see cref="WalletServer"/> answers: status, body, and an optional delay before answering.</summary>
internal sealed record WalletAnswer(int Status, byte[] Body, TimeSpan Delay = default)
{
    public static WalletAnswer Json(string body, int status = 200) => new(status, Encoding.UTF8.GetBytes(body));

    public static WalletAnswer FromFixture(string name) => new(200, Fixture.Read(name));
}
