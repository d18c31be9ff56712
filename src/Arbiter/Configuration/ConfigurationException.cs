namespace Arbiter.Configuration;

/// <summary>Bad configuration: the message names the key and what is allowed. The host prints it and exits with code 2.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message)
        : base(message)
    {
    }

    public ConfigurationException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public ConfigurationException()
    {
    }
}
