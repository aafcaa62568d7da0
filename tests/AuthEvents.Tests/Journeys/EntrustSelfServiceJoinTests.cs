using AuthEvents.Core.Events;
using AuthEvents.Core.Normalization;
using AuthEvents.Store;
using AuthEvents.Store.Journeys;
using AuthEvents.Tests.Normalization;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Journeys;

/// <summary>
/// An Entrust passkey a user registers or removes themselves lands on the same person as their sign-ins at other
/// providers: the payloads go through the real normalizers and the store's journey index.
/// </summary>
[Trait(TestKind.Name, TestKind.Integration)]
public sealed class EntrustSelfServiceJoinTests : IDisposable
{
    private const string PasskeyId = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";

    private readonly TestDatabase _database = new();
    private readonly TestClock _time = new();
    private readonly StoreWriteGate _gate = new();
    private readonly StoredJourney _j = new(new DateTimeOffset(2025, 12, 1, 20, 0, 0, TimeSpan.Zero));
    private readonly EventNormalizers _normalizers = new(FixtureFiles.Hasher);

    private AuthEvent Normalize(EventSource source, string payload)
    {
        var result = _normalizers.For(source).Normalize(FixtureFiles.RawFor(source, payload));
        Assert.True(result.IsAccepted, result.RejectionReason);
        return result.Event!;
    }

    private static string FusionAuthSignIn(string id, long createInstant, string userId, string email) =>
        $$$"""
        {"event":{"applicationId":"10000000-0000-0002-0000-000000000001","authenticationType":"PASSWORD","createInstant":{{{createInstant}}},
          "id":"{{{id}}}","info":{"ipAddress":"198.51.100.40"},"tenantId":"e872a880-b14f-6d62-c312-cb40f22af465","type":"user.login.success",
          "user":{"active":true,"email":"{{{email}}}","id":"{{{userId}}}","verified":true}} }
        """;

    private async Task<EventStore> StoreAsync()
    {
        await _database.MigrateAsync();
        return new EventStore(_database.Contexts, _gate, _time);
    }

    private async Task<PersonJourney> PersonAsync(string key)
    {
        var person = await new PersonJourneyQueries(_database.Contexts).FindAsync(key, null, null, 100, CancellationToken.None);
        Assert.NotNull(person);
        return person;
    }

    [Fact]
    public async Task Person_SelfServicePasskeyWithEmailSubjectName_JoinsTheSamePersonAsTheirFusionAuthSignIn()
    {
        var store = await StoreAsync();
        var email = FixtureFiles.Hasher.HashEmail("sam.rivera@example.org")!;

        // 2025-12-01T20:40:00Z, twelve minutes before the passkey, with the e-mail in another case.
        await _j.CommitAsync(store, Normalize(EventSource.FusionAuth, FusionAuthSignIn("f-1", 1764621600000, "fa-sam", "sam.rivera@example.org")));
        await _j.CommitAsync(store, Normalize(EventSource.Entrust, FixtureFiles.Read(EventSource.Entrust, "passkey-created-self-service")));

        var person = await PersonAsync(email);

        Assert.Equal((email, "s***@example.org", 2), (person.Key, person.Label, person.TotalEvents));
        Assert.Equal(
            [(EventSource.Entrust, "passkey.created", email), (EventSource.FusionAuth, "user.login.success", email)],
            person.Events.Select(e => (e.Source, e.EventType, e.PersonKey)));
        Assert.Null(await new PersonJourneyQueries(_database.Contexts).ResolveAsync("entrust:" + PasskeyId, CancellationToken.None));
    }

    [Fact]
    public async Task Person_SelfServicePasskeyWithUserNameSubject_JoinsThroughTheSubjectsEntrustSignIn()
    {
        var store = await StoreAsync();
        var email = FixtureFiles.Hasher.HashEmail("m.okonkwo@example.net")!;
        const string Subject = "6e7f8a9b-0c1d-4e2f-8a3b-4c5d6e7f8a9b";

        await _j.CommitAsync(store,
            Normalize(EventSource.FusionAuth, FusionAuthSignIn("f-2", 1764621600000, "fa-mo", "M.Okonkwo@Example.net")),
            Normalize(EventSource.Entrust, $$$"""
                {"id":"e-auth-1","type":"authentication.succeeded","accountId":"c8485a88-4fd0-4248-8dcd-fb4ac0749fb7","eventTime":"2025-12-01T20:50:00Z",
                 "data":{"subject":"{{{Subject}}}","subjectName":"M.Okonkwo@Example.net","subjectType":"USER","resourceName":"User Portal",
                         "sourceIp":"203.0.113.77","token":"PASSWORD"}}
                """));
        await _j.CommitAsync(store, Normalize(EventSource.Entrust, FixtureFiles.Read(EventSource.Entrust, "passkey-deleted-username")));

        var person = await PersonAsync(email);

        Assert.Equal(["passkey.deleted", "authentication.succeeded", "user.login.success"], person.Events.Select(e => e.EventType));
        Assert.Equal(email, await new PersonJourneyQueries(_database.Contexts).ResolveAsync("entrust:" + Subject, CancellationToken.None));
    }

    public void Dispose()
    {
        _gate.Dispose();
        _database.Dispose();
    }
}
