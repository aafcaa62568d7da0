using System.Globalization;
using System.Text;

namespace AuthEvents.Web.Components.Pages.Failures;

/// <summary>The points of a small inline SVG trend line, and a sentence that says what it shows.</summary>
public static class SparklineGeometry
{
    /// <summary>
    /// SVG <c>points</c> for a polyline over <paramref name="values"/> inside a <paramref name="width"/> ×
    /// <paramref name="height"/> box, scaled to the largest value (0 at the bottom, with a 1-unit margin so the stroke shows).
    /// </summary>
    public static string Points(IReadOnlyList<long> values, double width, double height)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return "";
        }

        var max = Math.Max(1, values.Max());
        var step = values.Count == 1 ? 0 : width / (values.Count - 1);
        var usable = height - 2;
        var builder = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            var x = values.Count == 1 ? width / 2 : i * step;
            var y = 1 + (usable * (1 - ((double)values[i] / max)));
            builder.Append(i == 0 ? "" : " ")
                .Append(x.ToString("0.##", CultureInfo.InvariantCulture)).Append(',')
                .Append(y.ToString("0.##", CultureInfo.InvariantCulture));
        }

        return builder.ToString();
    }

    /// <summary>The closed area under the line (for a light fill), from the same points.</summary>
    public static string Area(IReadOnlyList<long> values, double width, double height)
    {
        var line = Points(values, width, height);
        if (line.Length == 0)
        {
            return "";
        }

        var first = line[..line.IndexOf(',', StringComparison.Ordinal)];
        var last = line[(line.LastIndexOf(' ') + 1)..];
        var lastX = last[..last.IndexOf(',', StringComparison.Ordinal)];
        var bottom = height.ToString("0.##", CultureInfo.InvariantCulture);
        return $"{first},{bottom} {line} {lastX},{bottom}";
    }

    /// <summary>E.g. "Trend per hour over 24 buckets: peak 12, last 3".</summary>
    public static string Describe(IReadOnlyList<long> values, string bucket)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count == 0
            ? "No trend"
            : string.Create(CultureInfo.InvariantCulture, $"Trend {bucket} over {values.Count} buckets: peak {values.Max():N0}, last {values[^1]:N0}");
    }
}
