using Arbiter.Api;
using Arbiter.Engine;
using Arbiter.Simulator;
using Arbiter.Venues;

namespace Arbiter.Hosting;

/// <summary>Every setting of the <c>arbiter</c> executable, bound from appsettings.json, ARBITER__ environment variables and .env.</summary>
public sealed class ArbiterSettings
{
    public ApiOptions Api { get; set; } = new();

    public EngineOptions Engine { get; set; } = new();

    public VenuesOptions Venues { get; set; } = new();

    /// <summary>Connection, resilience and REST-ban settings shared by every venue feed.</summary>
    public VenueFeedOptions Feed { get; set; } = new();

    /// <summary>The simulated exchanges of <c>demo</c> and <c>sim</c>.</summary>
    public SimulatorOptions Simulator { get; set; } = new();

    /// <summary>How often the engine's clock ticks when no data arrives (ages books, reports tops).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often the terminal prints a status line (0 = never).</summary>
    public TimeSpan StatusInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Every problem, each naming its key; empty when valid.</summary>
    public List<string> Validate()
    {
        var errors = new List<string>();
        errors.AddRange(Api.Validate());
        errors.AddRange(Engine.Validate());
        errors.AddRange(Venues.Validate());
        errors.AddRange(Feed.GetValidationErrors("Feed"));
        try
        {
            Simulator.Validate();
        }
        catch (ArgumentException ex)
        {
            errors.Add(ex.Message);
        }

        if (TickInterval < TimeSpan.FromMilliseconds(10) || TickInterval > TimeSpan.FromSeconds(10))
        {
            errors.Add($"TickInterval must be 00:00:00.010..00:00:10 (got {TickInterval}).");
        }

        if (StatusInterval < TimeSpan.Zero || StatusInterval > TimeSpan.FromHours(1))
        {
            errors.Add($"StatusInterval must be 0..01:00:00 (got {StatusInterval}).");
        }

        return errors;
    }
}
