using System.Text.Json.Nodes;

namespace AuthEvents.Demo.LoginGov;

/// <summary>
/// The identity-proofing fields Login.gov sends in clear inside its SETs (SSN, date of birth, document and
/// address data, image file ids and their decryption keys), filled with synthetic values, and the failure
/// reasons its document vendor and fraud checks report. The pipeline must strip all of the sensitive ones.
/// </summary>
internal static class IdvPayloads
{
    /// <summary>Sentences for <c>idv-document-upload-submitted</c> (docs/protocols/login-gov.md, "Document upload errors"), with the error key each comes under.</summary>
    private static readonly (string Key, string Message)[] DocumentErrors =
    [
        ("back", "We couldn't read the barcode on the back of your ID. Try taking a new picture."),
        ("back", "We couldn't read the barcode on the back of your ID. It could be because of a problem with the barcode, or the barcode is a new type that we don't recognize yet. Use another state-issued ID if you have one."),
        ("pii", "We couldn't read the birth date on your ID. Try taking new pictures."),
        ("pii", "We couldn't read the document number on your ID. Try taking new pictures."),
        ("pii", "We couldn't read the full name on your ID. Try taking new pictures."),
        ("pii", "The document has expired, or we couldn't read the expiration date on your ID. If your ID is not expired, try taking new pictures."),
        ("general", "We couldn't recognize your ID. It may be worn or damaged, or the front and the back of the ID don't match. Try taking new pictures."),
        ("general", "We couldn't verify your ID. It might have moved when you took the picture, or the picture is too dark. Try taking new pictures in brighter lighting."),
        ("general", "We couldn't read your ID. Your image sizes may be too small, or your ID is too small or blurry in the photos. Make sure your ID is large within the image frame and try taking new pictures."),
        ("front", "We couldn't verify the front of your ID. Try taking a new picture."),
        ("selfie", "We couldn't verify the photo on your ID. Try taking new pictures."),
    ];

    private static readonly string[] UploadErrors =
    [
        "Image is too small or blurry, please try again.",
        "This file type is not accepted, please choose a JPG or PNG file.",
        "Camera failed to start, please try again.",
    ];

    private static readonly string[][] TmxReasonSets =
    [
        ["Identity_Negative_History"],
        ["IP_Negative_History"],
        ["Device_Spoofing", "IP_Negative_History"],
        ["Geo_Spoofing"],
        ["Identity_Spoofing"],
        ["Level_1_Link_Reject"],
    ];

    private static readonly string[] AdjudicationReasons = ["fail_resolution_skip_state_id", "fail_state_id", "fail_resolution_with_state_id"];
    private static readonly string[] UnverifiedAttributes = ["address", "dob", "ssn", "state_id_number"];

    /// <summary>Image ids and keys; the selfie only when liveness is checked, never a passport here.</summary>
    public static (string Key, JsonNode? Value)[] Images(Random random, bool selfie) =>
    [
        ("document_front_image_file_id", SimulationIds.UuidV4(random)),
        ("document_front_image_encryption_key", SimulationIds.Base64(random, 32)),
        ("document_back_image_file_id", SimulationIds.UuidV4(random)),
        ("document_back_image_encryption_key", SimulationIds.Base64(random, 32)),
        ("document_passport_image_file_id", null),
        ("document_passport_image_encryption_key", null),
        ("document_selfie_image_file_id", selfie ? SimulationIds.UuidV4(random) : null),
        ("document_selfie_image_encryption_key", selfie ? SimulationIds.Base64(random, 32) : null),
    ];

    /// <summary>What the document vendor read off the ID; all null when it could not read it.</summary>
    public static (string Key, JsonNode? Value)[] DocumentPii(Persona persona, bool read)
    {
        var id = persona.Identity;
        var home = persona.Home;
        return
        [
            ("document_state", read ? id.DocumentState : null),
            ("document_number", read ? id.DocumentNumber : null),
            ("document_issued", read ? SimulationTime.IsoDate(id.DocumentIssued) : null),
            ("document_expiration", read ? SimulationTime.IsoDate(id.DocumentExpiration) : null),
            ("first_name", read ? persona.FirstName : null),
            ("last_name", read ? persona.LastName : null),
            ("date_of_birth", read ? SimulationTime.IsoDate(id.DateOfBirth) : null),
            ("address1", read ? id.Address1 : null),
            ("address2", read ? id.Address2 : null),
            ("city", read ? home.City : null),
            ("state", read ? home.Region : null),
            ("zip", read ? home.Zip : null),
            ("country", read ? home.Country : null),
        ];
    }

    /// <summary>The fields of <c>idv-verification-submitted</c>: the person, the SSN, the document.</summary>
    public static (string Key, JsonNode? Value)[] VerificationPii(Persona persona)
    {
        var id = persona.Identity;
        return
        [
            ("first_name", persona.FirstName),
            ("last_name", persona.LastName),
            ("date_of_birth", SimulationTime.IsoDate(id.DateOfBirth)),
            ("ssn", id.Ssn),
            ("address1", id.Address1),
            ("address2", id.Address2),
            ("city", persona.Home.City),
            ("state", persona.Home.Region),
            ("zip", persona.Home.Zip),
            ("document_state", id.DocumentState),
            ("document_number", id.DocumentNumber),
            ("document_issued", SimulationTime.IsoDate(id.DocumentIssued)),
            ("document_expiration", SimulationTime.IsoDate(id.DocumentExpiration)),
        ];
    }

    public static JsonObject DocumentFailure(Random random)
    {
        var (key, message) = random.Pick(DocumentErrors);
        return LoginGovWriter.Reason(key, message);
    }

    public static JsonObject UploadFailure(Random random) => LoginGovWriter.Reason("front", random.Pick(UploadErrors));

    public static JsonObject TmxFailure(Random random, bool bot) =>
        LoginGovWriter.Reason("tmx_summary_reason_code", bot && random.Chance(0.7) ? ["Bot"] : random.Pick(TmxReasonSets));

    /// <summary>Login.gov's resolution failure: which stages failed and why.</summary>
    public static JsonObject VerificationFailure(Random random)
    {
        var reason = LoginGovWriter.Reason("failed_stages", "resolution");
        reason["attributes_requiring_additional_verification"] = new JsonArray(random.Pick(UnverifiedAttributes));
        reason["resolution_adjudication_reason"] = new JsonArray(random.Pick(AdjudicationReasons));
        return reason;
    }
}
