using System.Buffers;
using System.Text;
using System.Text.Json;
using AuthEvents.Core.Events;
using AuthEvents.Demo.Simulation;

namespace AuthEvents.Tests.Support;

/// <summary>
/// The personal values found in raw provider payloads, by kind (<c>ssn</c>, <c>email</c>, ...), and a search for any
/// of them in text or in raw bytes. Bytes are compared as UTF-8, so a value found in a database file is found as
/// SQLite stores it; SSNs are also searched in their digits-only form. A value that is part of a public place or
/// client name in the same payloads (first name "Diego", city "San Diego") cannot be told apart from it by a text
/// search, so it is left out of the search and listed in <see cref="Indistinguishable"/>.
/// </summary>
public sealed class SensitiveValues
{
    /// <summary>The shortest value searched for in raw bytes.</summary>
    public const int MinimumByteLength = 6;

    private const string LoginGovPrefix = "https://schemas.login.gov/secevent/attempts-api/event-type/";

    private static readonly string[] LoginGovFields =
    [
        "date_of_birth", "document_number", "document_issued", "document_expiration", "first_name", "last_name",
        "address1", "phone_number",
    ];

    // Fields whose values are stored on purpose (place, client software), wherever they appear in a payload.
    private static readonly HashSet<string> PublicFields = new(StringComparer.Ordinal)
    {
        "city", "region", "country", "displayString", "user_agent", "userAgent", "deviceName", "deviceDescription",
        "os", "app_name", "platform_name", "os_name", "resourceName",
    };

    private readonly Dictionary<string, HashSet<string>> _byKind = new(StringComparer.Ordinal);
    private readonly HashSet<string> _public = new(StringComparer.Ordinal);
    private IReadOnlyList<string>? _indistinguishable;

    public IReadOnlyDictionary<string, HashSet<string>> ByKind => _byKind;

    /// <summary>Values left out of the search because a public value of the payloads contains them.</summary>
    public IReadOnlyList<string> Indistinguishable => _indistinguishable ??= [.. All.Where(IsPublic).Order(StringComparer.Ordinal)];

    /// <summary>Every value, in every form searched for.</summary>
    public IEnumerable<string> All => _byKind.Values.SelectMany(v => v).Distinct(StringComparer.Ordinal);

    /// <summary>Collects from every payload that parses, malformed ones included: their raw text reaches the inbox too.</summary>
    public static SensitiveValues Collect(IEnumerable<SimulatedDelivery> deliveries)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var values = new SensitiveValues();
        foreach (var delivery in deliveries)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(delivery.Payload);
            }
            catch (JsonException)
            {
                continue;
            }

            using (document)
            {
                values.CollectFrom(delivery.Source, document.RootElement);
                values.CollectPublic(document.RootElement);
            }
        }

        return values;
    }

    /// <summary>A copy with one more value, e.g. a marker planted to prove that a search finds what is there.</summary>
    public SensitiveValues With(string kind, string value)
    {
        var copy = new SensitiveValues();
        foreach (var (k, values) in _byKind)
        {
            copy._byKind[k] = new HashSet<string>(values, StringComparer.Ordinal);
        }

        copy._public.UnionWith(_public);
        copy.Add(kind, value);
        return copy;
    }

    /// <summary>The values that occur in <paramref name="text"/>.</summary>
    public IReadOnlyList<string> FindIn(string text) => FindAll(text, All, v => v);

    /// <summary>
    /// The values of at least <see cref="MinimumByteLength"/> UTF-8 bytes that occur in <paramref name="bytes"/>.
    /// Shorter ones turn up by chance in encrypted data (a given 3-byte value about twice in 30 MB of random bytes),
    /// so they are searched only in text.
    /// </summary>
    public IReadOnlyList<string> FindIn(byte[] bytes)
    {
        // Latin-1 maps each byte to one char and back, so a char search over it is a byte search.
        ArgumentNullException.ThrowIfNull(bytes);
        return FindAll(
            Encoding.Latin1.GetString(bytes),
            All.Where(v => Encoding.UTF8.GetByteCount(v) >= MinimumByteLength),
            v => Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(v)));
    }

    private IReadOnlyList<string> FindAll(string haystack, IEnumerable<string> values, Func<string, string> form)
    {
        var forms = values.Except(Indistinguishable, StringComparer.Ordinal).ToDictionary(form, v => v, StringComparer.Ordinal);
        var search = SearchValues.Create(forms.Keys.ToArray(), StringComparison.Ordinal);
        var found = new SortedSet<string>(StringComparer.Ordinal);
        var rest = haystack.AsSpan();
        for (var at = rest.IndexOfAny(search); at >= 0; at = rest.IndexOfAny(search))
        {
            rest = rest[at..];
            foreach (var (key, value) in forms)
            {
                if (rest.StartsWith(key, StringComparison.Ordinal))
                {
                    found.Add(value);
                }
            }

            rest = rest[1..];
        }

        return [.. found];
    }

    private void Add(string kind, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        if (!_byKind.TryGetValue(kind, out var set))
        {
            _byKind[kind] = set = new HashSet<string>(StringComparer.Ordinal);
        }

        set.Add(value);
        _indistinguishable = null;
    }

    private bool IsPublic(string value) => _public.Any(p => p.Contains(value, StringComparison.Ordinal));

    private void CollectPublic(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                CollectPublic(item);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (PublicFields.Contains(property.Name) && property.Value.ValueKind == JsonValueKind.String)
                {
                    _public.Add(property.Value.GetString()!);
                }

                CollectPublic(property.Value);
            }
        }
    }

    private void CollectFrom(EventSource source, JsonElement root)
    {
        switch (source)
        {
            case EventSource.LoginGov when Object(root, "events") is { ValueKind: JsonValueKind.Object } events:
                foreach (var member in events.EnumerateObject().Where(m => m.Name.StartsWith(LoginGovPrefix, StringComparison.Ordinal)))
                {
                    CollectLoginGov(member.Value);
                }

                break;
            case EventSource.LoginGov:
                break;
            case EventSource.OnePassword:
                var user = Object(root, "target_user");
                AddEmail(Text(user, "email"));
                Add("name", Text(user, "name"));
                break;
            case EventSource.Entrust:
                var subjectName = Text(Object(root, "data"), "subjectName");
                if (subjectName?.Contains('@', StringComparison.Ordinal) == true)
                {
                    AddEmail(subjectName);
                }

                break;
            default:
                var fusionUser = Object(Object(root, "event"), "user");
                Add("date_of_birth", Text(fusionUser, "birthDate"));
                Add("first_name", Text(fusionUser, "firstName"));
                Add("last_name", Text(fusionUser, "lastName"));
                AddEmail(Text(fusionUser, "email"));
                break;
        }
    }

    private void CollectLoginGov(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var field in LoginGovFields)
        {
            Add(field, Text(data, field));
        }

        AddEmail(Text(data, "email"));
        foreach (var ssn in new[] { Text(data, "ssn"), Text(data, "social_security") }.OfType<string>())
        {
            Add("ssn", ssn);
            Add("ssn_digits", new string(ssn.Where(char.IsAsciiDigit).ToArray()));
        }

        foreach (var key in data.EnumerateObject().Where(p => p.Name.EndsWith("_encryption_key", StringComparison.Ordinal)))
        {
            Add("encryption_key", key.Value.ValueKind == JsonValueKind.String ? key.Value.GetString() : null);
        }
    }

    // The normalizers lower-case addresses before hashing; that form must not be stored either.
    private void AddEmail(string? email)
    {
        Add("email", email);
        Add("email", email?.ToLowerInvariant());
    }

    private static JsonElement Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : default;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
