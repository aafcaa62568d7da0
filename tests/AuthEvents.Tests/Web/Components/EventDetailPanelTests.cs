using AuthEvents.Core.Events;
using AuthEvents.Core.Normalization;
using AuthEvents.Demo.Simulation;
using AuthEvents.Store;
using AuthEvents.Store.Queries;
using AuthEvents.Tests.Normalization;
using AuthEvents.Tests.Support;
using AuthEvents.Web.Components.Controls;
using Bunit;
using AuthEvents.Web.Components.Pages.Live;

namespace AuthEvents.Tests.Web.Components;

/// <summary>
/// The event detail shows an event as the store holds it: masked e-mail and keyed hashes, never the personal data the
/// provider sent; and provider-sent text is text, never markup.
/// </summary>
[Trait(TestKind.Name, TestKind.Unit)]
public sealed class EventDetailPanelTests : ComponentTestContext
{
    private const string Email = "Zeb.Quack@Example.org";
    private const string UserAgent = "Mozilla/5.0 <script>alert('ua')</script>";
    private const string ApplicationUrl = "https://benefits.example.gov/<script>alert(1)</script>";
    private const string ReasonCode = "<img src=x onerror=alert(1)>";

    // A failed Login.gov document upload that carries the personal data its payloads can (the privacy fixtures' planted
    // values), and markup in three provider-sent fields: one kept as a column, one as an attribute, one as a reason code.
    private static readonly string Payload = $$"""
        {
          "jti": "a1000001-0000-4000-8000-0000000000b1",
          "iat": 1746612345,
          "iss": "https://secure.login.gov/",
          "aud": "urn:gov:gsa:openidconnect.profiles:sp:sso:agency:example-app",
          "events": {
            "https://schemas.login.gov/secevent/attempts-api/event-type/idv-document-upload-submitted": {
              "subject": { "subject_type": "session", "session_id": "sp-session-7781" },
              "occurred_at": 1746612345.123456,
              "user_agent": "{{UserAgent}}",
              "unique_session_id": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b",
              "user_uuid": "5d2b8c7e-1f3a-4e6b-9c0d-7a8b9c0d1e2f",
              "device_id": "0123456789abcdef0123456789abcdef",
              "user_ip_address": "198.51.100.23",
              "application_url": "{{ApplicationUrl}}",
              "email": "{{Email}}",
              "phone_number": "(202) 555-0147",
              "ssn": "900-12-3456",
              "document_number": "Y7359824X",
              "date_of_birth": "1984-02-29",
              "first_name": "Zebediah",
              "last_name": "Quackenbush",
              "success": false,
              "failure_reason": { "front": ["{{ReasonCode}}"] }
            }
          }
        }
        """;

    [Fact]
    public void Render_StoredEventWithPersonalData_ShowsMaskedEmailAndHashesOnly()
    {
        var sensitive = SensitiveValues.Collect([new SimulatedDelivery(EventSource.LoginGov, Payload, Now, IsMalformed: false)]);
        // Guards the search below against passing because the payload lost its personal data.
        Assert.Superset(new HashSet<string> { "email", "ssn", "document_number", "date_of_birth" }, sensitive.ByKind.Keys.ToHashSet());

        var cut = Render<EventDetailPanel>(p => p.Add(x => x.Detail, StoredDetail()));

        Assert.Empty(sensitive.FindIn(cut.Markup));
        Assert.Empty(sensitive.FindIn(cut.Find("[data-testid=event-detail]").TextContent));
        var person = cut.Find("[data-testid=detail-person]");
        Assert.Equal("z***@example.org", person.TextContent);
        var personKey = person.NextElementSibling!;
        Assert.Equal(FixtureFiles.Hasher.HashEmail(Email), personKey.GetAttribute("title"));
        Assert.Matches("^email:[0-9a-f]{6}…$", personKey.TextContent);
        Assert.Matches("^device:[0-9a-f]{24}$", Value(cut, "Device"));
        Assert.Equal("***47", Value(cut, "phone_masked"));
    }

    [Fact]
    public void Render_ProviderTextWithMarkup_ShowsItAsTextAndCreatesNoElement()
    {
        var cut = Render<EventDetailPanel>(p => p.Add(x => x.Detail, StoredDetail()));

        Assert.Empty(cut.FindAll("script, img, [onerror]"));
        Assert.Equal(UserAgent, Value(cut, "User agent"));
        Assert.Equal(ApplicationUrl, Value(cut, "application_url"));
        Assert.Equal(ReasonCode, cut.Find("[data-testid=detail-reasons] tbody td:nth-child(3)").TextContent);
        Assert.Contains("&lt;script&gt;alert('ua')&lt;/script&gt;", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void CloseButton_Clicked_RaisesOnClose()
    {
        var closed = 0;
        var cut = Render<EventDetailPanel>(p => p.Add(x => x.Detail, StoredDetail()).Add(x => x.OnClose, () => closed++));

        cut.Find("button[aria-label='Close detail']").Click();

        Assert.Equal(1, closed);
    }

    // The payload through the real normalizer and the store's row mapping, read back as LiveQueries.GetAsync does.
    private static EventDetail StoredDetail()
    {
        var result = new EventNormalizers(FixtureFiles.Hasher).For(EventSource.LoginGov).Normalize(FixtureFiles.RawFor(EventSource.LoginGov, Payload));
        Assert.True(result.IsAccepted, result.RejectionReason);
        var e = EventRecordMapper.ToRecord(result.Event!, inboxId: 1, isDemo: false);
        e.Id = 42;
        return new EventDetail(
            e.Id, e.Source, e.Tenant, e.ProviderEventId, e.EventType, e.Milestone, e.Outcome,
            new DateTimeOffset(e.OccurredAtTicks, TimeSpan.Zero), new DateTimeOffset(e.ReceivedAtTicks, TimeSpan.Zero),
            e.SubjectKey, e.PersonKey, e.EmailMasked, e.SessionKey, e.Ip, e.Country, e.City, e.UserAgent, e.DeviceKey, e.Authenticator,
            e.FailureReasons.OrderBy(r => r.Id).Select(r => new EventReason(r.Field, r.Code, r.Canonical)).ToList(),
            e.AttributesJson, e.IsDemo);
    }

    // The text of the <dd> that follows the <dt> labelled <paramref name="label"/>.
    private static string Value(IRenderedComponent<EventDetailPanel> cut, string label) =>
        cut.FindAll("dt").Single(dt => dt.TextContent == label).NextElementSibling!.TextContent;
}
