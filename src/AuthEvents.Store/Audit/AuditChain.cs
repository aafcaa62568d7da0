using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuthEvents.Store.Entities;

namespace AuthEvents.Store.Audit;

/// <summary>
/// The audit trail's hash chain: each row's hash is HMAC-SHA256 over the previous row's hash and the row's own fields
/// (id included, so a row moved or removed breaks it too). The first row follows <see cref="Genesis"/>. The key is
/// derived from the payload key, which is not in the database: rewriting the chain after an edit takes that key too.
/// </summary>
public sealed class AuditChain(byte[] key)
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>The chain's key, derived from the store's payload key (HKDF, its own label).</summary>
    public static AuditChain FromPayloadKey(byte[] payloadKey) =>
        new(HKDF.DeriveKey(HashAlgorithmName.SHA256, payloadKey, 32, info: Encoding.UTF8.GetBytes("authevents audit chain v1")));

    public string HashOf(string previousHash, AuditRecord row)
    {
        ArgumentNullException.ThrowIfNull(previousHash);
        ArgumentNullException.ThrowIfNull(row);
        // A JSON array: every field delimited and escaped, so no two different rows can serialize alike.
        var fields = JsonSerializer.Serialize(new object[]
        {
            previousHash, row.Id, row.AtTicks, row.Subject, row.UserName, row.Roles, row.Action, row.Target, row.Detail, row.ClientIp, row.UserAgent,
        });
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(fields)));
    }
}
