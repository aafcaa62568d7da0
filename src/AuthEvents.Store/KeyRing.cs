using System.Security.Cryptography;
using System.Text.Json;

namespace AuthEvents.Store;

/// <summary>
/// The two secrets the store needs: the payload encryption key and the linking (keyed hash) key. Configured
/// values win; otherwise keys are generated on first start and kept in <c>keys.json</c> in the data folder
/// (owner read/write only), so that hashes stay stable across restarts. Losing the file makes old raw payloads
/// unreadable and breaks linking with older events; production deployments should set both keys from secrets.
/// </summary>
public sealed class KeyRing
{
    private KeyRing(byte[] payloadKey, byte[] linkingKey, bool generated)
    {
        PayloadKey = payloadKey;
        LinkingKey = linkingKey;
        WasGenerated = generated;
    }

    public byte[] PayloadKey { get; }
    public byte[] LinkingKey { get; }

    /// <summary>True when at least one key came from the generated key file rather than configuration.</summary>
    public bool WasGenerated { get; }

    public static KeyRing Load(StoreOptions options, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        var file = Path.Combine(dataDirectory, "keys.json");
        var stored = File.Exists(file) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) ?? [] : [];
        var changed = false;

        byte[] Resolve(string? configured, string name, int minLength)
        {
            if (!string.IsNullOrWhiteSpace(configured))
            {
                var bytes = Convert.FromBase64String(configured);
                return bytes.Length >= minLength
                    ? bytes
                    : throw new InvalidOperationException($"Storage:{name} must decode to at least {minLength} bytes.");
            }

            if (stored.TryGetValue(name, out var existing))
            {
                return Convert.FromBase64String(existing);
            }

            var generatedKey = RandomNumberGenerator.GetBytes(32);
            stored[name] = Convert.ToBase64String(generatedKey);
            changed = true;
            return generatedKey;
        }

        var payloadKey = Resolve(options.PayloadKey, "PayloadKey", 32);
        var linkingKey = Resolve(options.LinkingKey, "LinkingKey", 32);
        if (payloadKey.Length != 32)
        {
            throw new InvalidOperationException("Storage:PayloadKey must decode to exactly 32 bytes.");
        }

        if (changed)
        {
            Directory.CreateDirectory(dataDirectory);
            File.WriteAllText(file, JsonSerializer.Serialize(stored));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }

        return new KeyRing(payloadKey, linkingKey, string.IsNullOrWhiteSpace(options.PayloadKey) || string.IsNullOrWhiteSpace(options.LinkingKey));
    }
}
