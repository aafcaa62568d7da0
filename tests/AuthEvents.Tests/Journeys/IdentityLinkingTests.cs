using AuthEvents.Core.Events;
using AuthEvents.Core.Journeys;
using AuthEvents.Tests.Support;

namespace AuthEvents.Tests.Journeys;

[Trait(TestKind.Name, TestKind.Unit)]
public sealed class IdentityLinkingTests
{
    private const string Alice = "email:a11ce";
    private const string Bob = "email:b0b";
    private const string U1 = "logingov:U1";
    private const string U2 = "logingov:U2";
    private const string S1 = "session:LoginGov:S1";

    private readonly KnownIdentities _known = new();

    /// <summary>A Login.gov event's keys: the person key is the e-mail where there is one, else the subject's own key.</summary>
    private static EventIdentityKeys LoginGov(string? email, string? subject, string? session) =>
        IdentityKeys.Of(EventSource.LoginGov, "login-email-and-password-auth", email ?? (subject is null ? null : "logingov:" + subject), subject, session);

    [Fact]
    public void Plan_NoIdentity_Null()
    {
        Assert.Null(IdentityLinking.Plan(LoginGov(null, null, null), EventSource.LoginGov, _known.RootOf));
    }

    [Fact]
    public void Plan_NewEmailWithSubjectAndSession_EmailRootFirstThenBothSeenWithEmail()
    {
        var plan = _known.Join(LoginGov(Alice, "U1", "S1"));

        Assert.Equal(
            [
                new IdentityLink(Alice, IdentityKind.Email, null, null, IdentityEvidence.SameEmail),
                new IdentityLink(U1, IdentityKind.Subject, Alice, EventSource.LoginGov, IdentityEvidence.SeenWithEmail),
                new IdentityLink(S1, IdentityKind.Session, Alice, EventSource.LoginGov, IdentityEvidence.SeenWithEmail),
            ],
            plan.Links);
        Assert.Equal((Alice, Alice), (plan.RootKey, plan.AnchorKey));
        Assert.Empty(plan.Merges);
    }

    [Fact]
    public void Plan_UnknownSubjectAndSessionWithoutEmail_SubjectIsANewPersonAndTheSessionJoinsIt()
    {
        var plan = _known.Join(LoginGov(null, "U1", "S1"));

        Assert.Equal(
            [
                new IdentityLink(U1, IdentityKind.Subject, null, EventSource.LoginGov, IdentityEvidence.Unlinked),
                new IdentityLink(S1, IdentityKind.Session, U1, EventSource.LoginGov, IdentityEvidence.SeenWithJoinedIdentity),
            ],
            plan.Links);
        Assert.Equal((U1, U1), (plan.RootKey, plan.AnchorKey));
    }

    [Fact]
    public void Plan_OnlyASession_SessionIsANewPerson()
    {
        var plan = _known.Join(LoginGov(null, null, "S1"));

        Assert.Equal([new IdentityLink(S1, IdentityKind.Session, null, EventSource.LoginGov, IdentityEvidence.Unlinked)], plan.Links);
        Assert.Equal(S1, plan.AnchorKey);
    }

    [Fact]
    public void Plan_KnownSubjectWithoutEmail_NothingNewAndTheEventBelongsToTheSubject()
    {
        _known.Join(LoginGov(Alice, "U1", "S1"));

        var plan = _known.Join(LoginGov(null, "U1", "S1"));

        Assert.Empty(plan.Links);
        Assert.Empty(plan.Merges);
        Assert.Equal((Alice, U1), (plan.RootKey, plan.AnchorKey));
    }

    [Fact]
    public void Plan_SubjectPersonInASessionOfAnEmailPerson_EmailPersonWinsAndTheSubjectPersonIsMerged()
    {
        _known.Join(LoginGov(Alice, null, "S1"));
        _known.Join(LoginGov(null, "U1", null));

        var plan = _known.Join(LoginGov(null, "U1", "S1"));

        Assert.Equal(Alice, plan.RootKey);
        Assert.Equal([new PersonMerge(U1, Alice, IdentityEvidence.SeenWithJoinedIdentity)], plan.Merges);
        Assert.Equal(Alice, _known.PersonOf(plan.AnchorKey));
    }

    [Fact]
    public void Plan_UnknownSubjectInASessionOfAnEmailPerson_SubjectJoinsTheEmailPerson()
    {
        _known.Join(LoginGov(Alice, null, "S1"));

        var plan = _known.Join(LoginGov(null, "U1", "S1"));

        Assert.Equal([new IdentityLink(U1, IdentityKind.Subject, Alice, EventSource.LoginGov, IdentityEvidence.SeenWithJoinedIdentity)], plan.Links);
        Assert.Equal(Alice, _known.PersonOf(U1));
    }

    [Fact]
    public void Plan_EmailEventWithASubjectPerson_SubjectPersonMergedIntoTheEmailPersonSeenWithEmail()
    {
        _known.Join(LoginGov(null, "U1", "S1"));

        var plan = _known.Join(LoginGov(Alice, "U1", "S1"));

        Assert.Equal([new IdentityLink(Alice, IdentityKind.Email, null, null, IdentityEvidence.SameEmail)], plan.Links);
        Assert.Equal([new PersonMerge(U1, Alice, IdentityEvidence.SeenWithEmail)], plan.Merges);
        Assert.Equal((Alice, Alice), (_known.PersonOf(U1), _known.PersonOf(S1)));
    }

    [Fact]
    public void Plan_EmailEventWithAnIdentityJoinedToAnotherRoot_MergedRootRecordsSeenWithJoinedIdentity()
    {
        _known.Join(LoginGov(null, null, "S1"));
        _known.Join(LoginGov(null, "U1", "S1"));

        var plan = _known.Join(LoginGov(Alice, "U1", null));

        Assert.Equal([new PersonMerge(S1, Alice, IdentityEvidence.SeenWithJoinedIdentity)], plan.Merges);
    }

    [Fact]
    public void Plan_SubjectAndSessionOfTheSamePerson_MergedOnce()
    {
        _known.Join(LoginGov(null, "U1", "S1"));

        var plan = _known.Join(LoginGov(Alice, "U1", "S1"));

        Assert.Single(plan.Merges);
    }

    [Fact]
    public void Plan_SubjectSeenLaterWithAnotherEmail_StaysWithTheFirstPerson()
    {
        _known.Join(LoginGov(Alice, "U1", "S1"));

        var plan = _known.Join(LoginGov(Bob, "U1", "S2"));

        Assert.Empty(plan.Merges);
        Assert.DoesNotContain(plan.Links, l => l.Key == U1);
        Assert.Equal((Bob, Alice, Bob), (plan.AnchorKey, _known.PersonOf(U1), _known.PersonOf("session:LoginGov:S2")));
    }

    [Fact]
    public void Plan_SessionSharedWithAnotherSubjectsPerson_EventStaysWithItsOwnSubject()
    {
        _known.Join(LoginGov(null, "U1", "S1"));
        _known.Join(LoginGov(null, "U2", null));

        var plan = _known.Join(LoginGov(null, "U2", "S1"));

        Assert.Empty(plan.Merges);
        Assert.Equal((U2, U2), (plan.RootKey, plan.AnchorKey));
        Assert.Equal(U1, _known.PersonOf(S1));
    }

    [Fact]
    public void Plan_SessionSharedWithAnotherEmailPerson_EventStaysWithItsSubjectsEmailPerson()
    {
        _known.Join(LoginGov(Alice, "U1", "S1"));
        _known.Join(LoginGov(Bob, "U2", null));

        var plan = _known.Join(LoginGov(null, "U2", "S1"));

        Assert.Empty(plan.Merges);
        Assert.Equal(Bob, _known.PersonOf(plan.AnchorKey));
    }

    [Fact]
    public void Plan_EntrustAdministrationEvent_ActingAdministratorNotJoinedToThePerson()
    {
        _known.Join(IdentityKeys.Of(EventSource.Entrust, "authentication.succeeded", "entrust:admin-7", "admin-7", null), EventSource.Entrust);

        var plan = _known.Join(IdentityKeys.Of(EventSource.Entrust, "user.created", Bob, "admin-7", null), EventSource.Entrust);

        Assert.Equal([new IdentityLink(Bob, IdentityKind.Email, null, null, IdentityEvidence.SameEmail)], plan.Links);
        Assert.Empty(plan.Merges);
        Assert.Equal("entrust:admin-7", _known.PersonOf("entrust:admin-7"));
    }

    /// <summary>The identities joined so far, as the store keeps them: each key with the root it belongs to.</summary>
    private sealed class KnownIdentities
    {
        private readonly Dictionary<string, string> _rootOf = new(StringComparer.Ordinal);

        public IdentityRoot? RootOf(string key) =>
            _rootOf.TryGetValue(key, out var root) ? new IdentityRoot(root, IdentityKeys.KindOf(root)) : null;

        public string PersonOf(string key) => _rootOf[key];

        public IdentityPlan Join(EventIdentityKeys keys, EventSource source = EventSource.LoginGov)
        {
            var plan = IdentityLinking.Plan(keys, source, RootOf)!;
            foreach (var link in plan.Links)
            {
                _rootOf[link.Key] = link.RootKey ?? link.Key;
            }

            foreach (var merge in plan.Merges)
            {
                foreach (var key in _rootOf.Where(p => p.Value == merge.FromRoot).Select(p => p.Key).ToList())
                {
                    _rootOf[key] = merge.IntoRoot;
                }
            }

            return plan;
        }
    }
}
