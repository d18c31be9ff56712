namespace Arbiter.Venues;

/// <summary>Settings of a live <see cref="VenueFeed"/>.</summary>
public sealed class VenueFeedOptions
{
    public const string Section = "Feed";

    /// <summary>Transport and reconnect settings of every connection of the venue.</summary>
    public VenueConnectionOptions Connection { get; set; } = new();

    /// <summary>Ban assumed after HTTP 429/418 when the venue sends no usable Retry-After header.</summary>
    public TimeSpan DefaultBanDuration { get; set; } = TimeSpan.FromMinutes(1);

    public IReadOnlyList<string> GetValidationErrors(string section = Section)
    {
        var errors = new List<string>();
        OptionErrors.Range(errors, section + ":DefaultBanDuration", DefaultBanDuration, TimeSpan.FromSeconds(1), TimeSpan.FromDays(3));
        if (Connection is null)
        {
            errors.Add(section + ":Connection is required.");
        }
        else
        {
            errors.AddRange(Connection.GetValidationErrors(section + ":" + VenueConnectionOptions.Section));
        }

        return errors;
    }

    public void Validate(string section = Section) => OptionErrors.ThrowIfAny([.. GetValidationErrors(section)], section);
}
