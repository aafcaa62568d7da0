using System.Data.Common;
using System.Globalization;
using System.Text;

namespace AuthEvents.Store.Queries;

/// <summary>
/// SQL put together from fixed fragments of the query classes, with every value passed as a parameter: no text from a
/// caller ever becomes SQL. Column names come only from the whitelists in <see cref="RollupSql"/>.
/// </summary>
internal sealed class SqlText
{
    private readonly StringBuilder _sql = new();
    private readonly List<object> _values = [];

    public SqlText Append(string fragment)
    {
        _sql.Append(fragment);
        return this;
    }

    /// <summary>Adds a parameter and returns its name.</summary>
    public string Parameter(object value)
    {
        _values.Add(value);
        return "@p" + (_values.Count - 1).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary><c>column IN (@p1, @p2)</c> for the values; the caller makes sure there is at least one.</summary>
    public string In<T>(string column, IEnumerable<T> values) where T : notnull =>
        column + " IN (" + string.Join(", ", values.Select(v => Parameter(v))) + ")";

    public override string ToString() => _sql.ToString();

    public DbCommand CreateCommand(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
#pragma warning disable CA2100 // Built from constant fragments and whitelisted column names; values are parameters.
        command.CommandText = _sql.ToString();
#pragma warning restore CA2100
        for (var i = 0; i < _values.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            parameter.Value = _values[i];
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
