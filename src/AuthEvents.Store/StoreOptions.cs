using System.ComponentModel.DataAnnotations;

namespace AuthEvents.Store;

/// <summary>Where the store lives and its keys (section <c>Storage</c>). The connection string is <c>ConnectionStrings:AuthEvents</c>.</summary>
public sealed class StoreOptions
{
    public const string SectionName = "Storage";

    /// <summary>Folder for the SQLite file and generated keys; relative paths are under the content root. Default <c>data</c>.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Base64 32-byte key that encrypts raw payloads at rest. When empty, a key is generated once and kept in the data folder.</summary>
    public string? PayloadKey { get; set; }

    /// <summary>Base64 key (32+ bytes) for keyed hashes of e-mails, phones and devices. When empty, generated once and kept in the data folder.</summary>
    public string? LinkingKey { get; set; }

    /// <summary>
    /// How long an inbox record's encrypted payload is kept after its events were stored (default 7 days; empty: kept
    /// until retention deletes the row). Quarantined records keep theirs for a replay.
    /// </summary>
    public TimeSpan? KeepPayloadsFor { get; set; } = TimeSpan.FromDays(7);
}
