using System.Data.Common;

namespace AuthEvents.Store;

/// <summary>Parameters on a provider-neutral command, so hand-written SQL runs on SQLite and PostgreSQL alike.</summary>
internal static class DbCommandExtensions
{
    /// <summary>Adds <paramref name="name"/> (written <c>@name</c> in the SQL; both providers read that form) with <paramref name="value"/>, null as SQL NULL.</summary>
    public static DbParameter AddParameter(this DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
