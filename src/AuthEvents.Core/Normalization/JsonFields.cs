using System.Globalization;
using System.Text.Json;

namespace AuthEvents.Core.Normalization;

/// <summary>
/// Tolerant readers over <see cref="JsonElement"/> shared by the normalizers. Optional fields of the wrong JSON
/// type read as absent; required fields report what is wrong with them by name, never by value.
/// </summary>
internal static class JsonFields
{
    /// <summary>Parses a payload whose root must be an object. Returns null and a reason when it is not.</summary>
    internal static JsonDocument? ParseObject(string? payload, out string? error)
    {
        if (string.IsNullOrWhiteSpace(payload))
        {
            error = "payload is empty";
            return null;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(payload);
        }
        catch (JsonException ex)
        {
            // The exception message quotes payload characters, so only its position is passed on.
            error = ex.LineNumber is { } line && ex.BytePositionInLine is { } position
                ? string.Create(CultureInfo.InvariantCulture, $"payload is not valid JSON (line {line + 1}, byte {position})")
                : "payload is not valid JSON";
            return null;
        }
        catch (ArgumentException)
        {
            // Lone surrogates cannot be transcoded to UTF-8.
            error = "payload is not valid JSON text";
            return null;
        }
        catch (InvalidOperationException)
        {
            error = "payload is not valid JSON text";
            return null;
        }

        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            document.Dispose();
            error = "payload root is not a JSON object";
            return null;
        }

        error = null;
        return document;
    }

    /// <summary>The named property of an object; false when <paramref name="element"/> is not an object, the property is missing or it is JSON null.</summary>
    internal static bool TryGet(JsonElement element, string name, out JsonElement value)
    {
        if (element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>A non-blank string property, or null.</summary>
    internal static string? String(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
            ? text
            : null;

    /// <summary>The first of several spellings of a string property that is present.</summary>
    internal static string? String(JsonElement element, string name, string alias) => String(element, name) ?? String(element, alias);

    /// <summary>A boolean property, or null.</summary>
    internal static bool? Bool(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? value.GetBoolean()
            : null;

    /// <summary>A finite number property, or null.</summary>
    internal static double? Double(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number)
            ? number
            : null;

    /// <summary>An object property, or <see langword="default"/> (kind Undefined, which every reader here treats as empty).</summary>
    internal static JsonElement Object(JsonElement element, string name) =>
        TryGet(element, name, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;

    /// <summary>A string, number or boolean as invariant text ("true"/"false", the number as written); null for anything else or blank.</summary>
    internal static string? ScalarText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { } text && !string.IsNullOrWhiteSpace(text) ? text : null,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => null,
    };

    /// <summary>A scalar property as text, or null.</summary>
    internal static string? ScalarText(JsonElement element, string name) =>
        TryGet(element, name, out var value) ? ScalarText(value) : null;

    /// <summary>
    /// A required property of any type: fails with "missing required field" when absent or null.
    /// <paramref name="path"/> is how the field is named in the reason (e.g. <c>event.id</c>).
    /// </summary>
    internal static bool TryRequire(JsonElement element, string name, string path, out JsonElement value, out string? error)
    {
        if (TryGet(element, name, out value))
        {
            error = null;
            return true;
        }

        error = "missing required field '" + path + "'";
        return false;
    }

    /// <summary>A required, non-blank string property.</summary>
    internal static bool TryRequireString(JsonElement element, string name, string path, out string text, out string? error)
    {
        text = "";
        if (!TryRequire(element, name, path, out var value, out error))
        {
            return false;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            error = "field '" + path + "' is not a string";
            return false;
        }

        var read = value.GetString();
        if (string.IsNullOrWhiteSpace(read))
        {
            error = "field '" + path + "' is blank";
            return false;
        }

        text = read;
        return true;
    }

    /// <summary>A required object property.</summary>
    internal static bool TryRequireObject(JsonElement element, string name, string path, out JsonElement value, out string? error)
    {
        if (!TryRequire(element, name, path, out value, out error))
        {
            return false;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            error = "field '" + path + "' is not an object";
            return false;
        }

        return true;
    }

    /// <summary>The string elements of an array property joined by commas, or null.</summary>
    internal static string? JoinedStrings(JsonElement element, string name)
    {
        if (!TryGet(element, name, out var value) || value.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var item in value.EnumerateArray())
        {
            if (ScalarText(item) is { } text)
            {
                parts.Add(text);
            }
        }

        return parts.Count == 0 ? null : string.Join(',', parts);
    }
}
