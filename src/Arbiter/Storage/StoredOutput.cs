using Arbiter.Api;

namespace Arbiter.Storage;

/// <summary>An engine output the store keeps; <see cref="IsConnection"/> marks a connection change (a <see cref="HostOutput"/> with no part set).</summary>
public readonly record struct StoredOutput(HostOutput Output, bool IsConnection);
