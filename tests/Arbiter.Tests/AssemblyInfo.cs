// The end-to-end tests each run a whole demo (eight simulated venues, the pipeline, the API) on real sockets and wall-clock
// deadlines; on a 2-core machine, running them side by side starves each other's deadlines, so they run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
