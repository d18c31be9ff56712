namespace Arbiter.Storage;

/// <summary>One schema step: its version, what it adds, and its statements (run in one transaction with the version row).</summary>
internal sealed record SchemaMigration(int Version, string Description, string[] Statements);
