using Microsoft.Data.Sqlite;

namespace Arbiter.Storage;

/// <summary>The optional filters of a history query: each condition that applies, with its parameter, joined by AND.</summary>
internal sealed class SqlConditions(SqliteCommand command)
{
    private readonly List<string> conditions = [];

    /// <summary>Adds <paramref name="condition"/> and binds <paramref name="parameter"/> to <paramref name="value"/>.</summary>
    public void Add(string condition, string parameter, object value)
    {
        conditions.Add(condition);
        command.Parameters.AddWithValue(parameter, value);
    }

    /// <summary>" WHERE a AND b", or empty when no filter applies.</summary>
    public string Where => conditions.Count > 0 ? " WHERE " + string.Join(" AND ", conditions) : "";
}
