namespace AuthEvents.Core.Privacy;

/// <summary>Display forms of personal identifiers that show enough to recognise a value, never enough to use it.</summary>
public static class Masking
{
    /// <summary><c>jane.doe@example.com</c> becomes <c>j***@example.com</c>; a value without <c>@</c> becomes <c>***</c>.</summary>
    public static string? MaskEmail(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var trimmed = email.Trim().ToLowerInvariant();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            return "***";
        }

        return trimmed[0] + "***" + trimmed[at..];
    }

    /// <summary>Keeps the last two digits of a phone number: <c>+1 555 010 0199</c> becomes <c>***99</c>.</summary>
    public static string? MaskPhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        var digits = new string(phone.Where(char.IsAsciiDigit).ToArray());
        return digits.Length < 4 ? "***" : "***" + digits[^2..];
    }

    /// <summary>Keeps the first character of a user name: <c>john.smith</c> becomes <c>j***</c>.</summary>
    public static string? MaskName(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : name.Trim()[0] + "***";
}
