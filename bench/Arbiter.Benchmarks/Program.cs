using Arbiter.Benchmarks.EndToEnd;
using Arbiter.Benchmarks.Support;
using BenchmarkDotNet.Running;

namespace Arbiter.Benchmarks;

/// <summary>Runs the BenchmarkDotNet suite (any BenchmarkSwitcher arguments, e.g. <c>--filter *</c>) or the <c>latency</c> harness.</summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "latency")
        {
            return await LatencyHarness.RunAsync(args[1..]).ConfigureAwait(false);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create(args));
        return 0;
    }
}
