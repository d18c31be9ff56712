using System.Text;
using Arbiter.Core;

namespace Arbiter.Simulator;

/// <summary>
/// The subscription state of one connection to a <see cref="SnapshotSimVenue"/> (Upbit, Bithumb): a request replaces the
/// whole subscription and is answered with one SNAPSHOT per code (unless only realtime was asked for); REALTIME frames
/// follow at each code's requested depth. The derived session parses its venue's requests.
/// </summary>
public abstract class SnapshotSimSession : SimSession
{
    /// <summary>The answer to the text <c>PING</c> on both venues.</summary>
    private protected static readonly byte[] StatusUp = Encoding.ASCII.GetBytes("{\"status\":\"UP\"}");

    private readonly SnapshotSimVenue venue;
    private Dictionary<string, (int Depth, bool OnlySnapshot)> subscriptions = new(StringComparer.Ordinal);

    private protected SnapshotSimSession(SnapshotSimVenue venue) => this.venue = venue;

    public override VenueId Venue => venue.Venue;

    /// <inheritdoc/>
    public override bool SendsBinaryFrames => true;

    /// <summary>Subscribed codes and the number of units each receives.</summary>
    public IReadOnlyDictionary<string, int> Subscriptions => subscriptions.ToDictionary(p => p.Key, p => p.Value.Depth, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override byte[]? Select(SimOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (output.Kind != SimOutputKind.Frame || output.Venue != venue.Venue || !subscriptions.TryGetValue(output.Stream, out var entry) || entry.OnlySnapshot)
        {
            return null;
        }

        return venue.FormatForDepth(output, entry.Depth);
    }

    /// <summary>Replaces the subscription with <paramref name="requested"/>; returns the SNAPSHOT frames of the codes not in <paramref name="onlyRealtime"/>, in request order.</summary>
    private protected IReadOnlyList<byte[]> Replace(Dictionary<string, (int Depth, bool OnlySnapshot)> requested, HashSet<string> onlyRealtime)
    {
        subscriptions = requested;
        var snapshots = new List<(string, int)>();
        foreach (var (code, entry) in requested)
        {
            if (!onlyRealtime.Contains(code))
            {
                snapshots.Add((code, entry.Depth));
            }
        }

        return [.. venue.SnapshotFrames(snapshots).Select(f => f.Bytes)];
    }

    /// <summary>Forgets the subscription (the connection is closing).</summary>
    private protected void Clear() => subscriptions = new(StringComparer.Ordinal);
}
