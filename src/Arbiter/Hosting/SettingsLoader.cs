using Arbiter.Configuration;
using Microsoft.Extensions.Configuration;

namespace Arbiter.Hosting;

/// <summary>
/// Builds <see cref="ArbiterSettings"/> from, in increasing precedence: appsettings.json beside the executable (or
/// <c>--config FILE</c>), a <c>.env</c> file in the working directory, <c>ARBITER__Section__Key</c> environment
/// variables, and the command's own overrides. Unknown keys and invalid values are errors that name the key.
/// </summary>
public static class SettingsLoader
{
    public static ArbiterSettings Load(string? configFile, IDictionary<string, string?>? overrides = null, string? dotEnvPath = ".env")
    {
        var builder = new ConfigurationBuilder();
        if (configFile is not null)
        {
            if (!File.Exists(configFile))
            {
                throw new ConfigurationException($"--config: file '{configFile}' does not exist.");
            }

            builder.AddJsonFile(Path.GetFullPath(configFile), optional: false, reloadOnChange: false);
        }
        else
        {
            builder.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false);
        }

        if (dotEnvPath is not null && File.Exists(dotEnvPath))
        {
            builder.AddInMemoryCollection(DotEnvFile.Read(dotEnvPath));
        }

        builder.AddEnvironmentVariables(DotEnvFile.Prefix);
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        IConfiguration configuration;
        try
        {
            configuration = builder.Build();
        }
        catch (Exception ex) when (ex is FormatException or InvalidDataException or System.Text.Json.JsonException)
        {
            throw new ConfigurationException($"Configuration file is not valid JSON: {ex.Message}", ex);
        }

        return Bind(configuration);
    }

    public static ArbiterSettings Bind(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var settings = new ArbiterSettings();
        try
        {
            ReplaceConfiguredLists(settings, configuration);
            configuration.Bind(settings, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            // The binder names the unknown key or the value it could not convert, with the section path.
            throw new ConfigurationException($"Configuration error: {Unwrap(ex)}", ex);
        }

        var errors = settings.Validate();
        if (errors.Count > 0)
        {
            throw new ConfigurationException("Invalid configuration:" + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", errors));
        }

        return settings;
    }

    /// <summary>
    /// The binder appends configured items to a list's default items; a user who writes a list means that list. So
    /// every array or list the configuration sets is emptied first (dictionaries keep merging key by key).
    /// </summary>
    private static void ReplaceConfiguredLists(object target, IConfiguration section)
    {
        foreach (var property in target.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            var child = section.GetSection(property.Name);
            if (!child.GetChildren().Any())
            {
                continue;
            }

            var type = property.PropertyType;
            if (type.IsArray && property.CanWrite)
            {
                property.SetValue(target, Array.CreateInstance(type.GetElementType()!, 0));
            }
            else if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
            {
                (property.GetValue(target) as System.Collections.IList)?.Clear();
            }
            else if (type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("Arbiter", StringComparison.Ordinal) == true
                && property.GetValue(target) is { } nested)
            {
                ReplaceConfiguredLists(nested, child);
            }
        }
    }

    private static string Unwrap(Exception ex)
    {
        var message = ex.Message;
        for (var inner = ex.InnerException; inner is not null; inner = inner.InnerException)
        {
            message += " " + inner.Message;
        }

        return message;
    }
}
