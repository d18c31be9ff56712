namespace Arbiter.Fanout;

/// <summary>The fan-out benchmark (server side, the default) or, as its child process, the <c>clients</c> command.</summary>
internal static class Program
{
    public static Task<int> Main(string[] args) =>
        args.Length > 0 && args[0] == "clients" ? ClientsCommand.RunAsync(args[1..]) : FanoutCommand.RunAsync(args);
}
