using Arbiter.Core;

namespace Arbiter.Benchmarks.Engine;

/// <summary>One venue's BTC instrument in the detection scenario and its snapshot, best first, in fixed-point units.</summary>
internal sealed class DetectionVenue
{
    public DetectionVenue(Instrument instrument, Level[] bids, Level[] asks)
    {
        Instrument = instrument;
        Bids = bids;
        Asks = asks;
    }

    public Instrument Instrument { get; }

    public Level[] Bids { get; }

    public Level[] Asks { get; }
}
