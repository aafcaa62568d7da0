using System.Globalization;
using PhoneNumbers;

namespace AuthEvents.Core.Normalization;

/// <summary>
/// The region a phone number belongs to, so that events can be counted by country (SMS pumping sends codes to many
/// countries) while the number itself is kept only as a keyed hash.
/// </summary>
public static class PhoneRegions
{
    // libphonenumber's region codes for "no region": unknown, and the international services (+800, +882, ...).
    private const string UnknownRegion = "ZZ";
    private const string NonGeographicRegion = "001";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// The ISO 3166 region of <paramref name="phone"/> (<c>US</c>, <c>GB</c>); the calling code (<c>+44</c>,
    /// <c>+882</c>) when the number belongs to no single region (international services, or a number not valid in any of
    /// its code's regions); null when it cannot be parsed.
    /// </summary>
    /// <param name="phone">The number as the provider sent it.</param>
    /// <param name="defaultRegion">The region of numbers written without a <c>+</c> and calling code (<c>US</c>), or null
    /// to read only international numbers.</param>
    public static string? Of(string? phone, string? defaultRegion)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }

        PhoneNumber number;
        try
        {
            number = Util.Parse(phone, defaultRegion);
        }
        catch (NumberParseException)
        {
            return null;
        }

        var region = Util.GetRegionCodeForNumber(number);
        return region is null or UnknownRegion or NonGeographicRegion
            ? "+" + number.CountryCode.ToString(CultureInfo.InvariantCulture)
            : region;
    }
}
