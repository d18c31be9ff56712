using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Jobs;

namespace Arbiter.Benchmarks.Support;

/// <summary>
/// The committed-results configuration: a short job (3 warmup and 10 measured iterations, one launch) so that the whole
/// suite fits in about ten minutes on a 2-core machine, the memory diagnoser, and GitHub-markdown reports.
/// </summary>
internal static class BenchmarkConfig
{
    public static IConfig Create() =>
        DefaultConfig.Instance
            .AddJob(Job.Default
                .WithLaunchCount(1)
                .WithWarmupCount(3)
                .WithIterationCount(10)
                .WithId("Short3x10"))
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddExporter(MarkdownExporter.GitHub);
}
