using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;

namespace Arbiter.Benchmarks.Support;

/// <summary>
/// The committed-results configuration: a short job (3 warmup and 10 measured iterations, one launch) so that the whole
/// suite fits in about ten minutes on a 2-core machine, the memory diagnoser, and GitHub-markdown reports. A job given on
/// the command line (<c>--job</c>) replaces the short job.
/// </summary>
internal static class BenchmarkConfig
{
    public const string ShortJobId = "Short3x10";

    public static IConfig Create(IReadOnlyList<string> args)
    {
        var config = DefaultConfig.Instance
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub);
        var jobOnCommandLine = args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal));
        return jobOnCommandLine
            ? config
            : config.AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(10).WithId(ShortJobId));
    }
}
