using System.Text;

namespace Arbiter.Venues.Okx;

/// <summary>
/// Builds the subscribe requests of one connection: <c>{"op":"subscribe","args":[{"channel":"books","instId":"BTC-USDT"},..]}</c>,
/// as many args per request as fit OKX's bound on the total length of the args (64 KB, REFERENCE §7), so that the few
/// subscribe requests per hour (480) are not spent one symbol at a time.
/// </summary>
internal static class OkxSubscription
{
    /// <summary>OKX: "the total length of multiple channels cannot exceed 64 KB".</summary>
    public const int MaxArgsBytes = 64 * 1024;

    private const string Prefix = "{\"op\":\"subscribe\",\"args\":[";
    private const string Suffix = "]}";

    public static List<string> Build(IReadOnlyList<string> symbols, string channel, int maxArgsBytes = MaxArgsBytes)
    {
        var requests = new List<string>();
        var text = new StringBuilder(Prefix);
        var argsBytes = 2; // the brackets of the args array
        var count = 0;
        foreach (var symbol in symbols)
        {
            var arg = "{\"channel\":\"" + channel + "\",\"instId\":\"" + symbol + "\"}";
            var added = arg.Length + (count > 0 ? 1 : 0);
            if (count > 0 && argsBytes + added > maxArgsBytes)
            {
                requests.Add(text.Append(Suffix).ToString());
                text.Clear().Append(Prefix);
                argsBytes = 2;
                count = 0;
                added = arg.Length;
            }

            if (count > 0)
            {
                text.Append(',');
            }

            text.Append(arg);
            argsBytes += added;
            count++;
        }

        if (count > 0)
        {
            requests.Add(text.Append(Suffix).ToString());
        }

        return requests;
    }
}
