using Sept.Functions.Presence;
using Sept.Functions.Storage.Local;

namespace Sept.Functions.Tests.Presence;

public sealed class InMemoryPresenceStoreTests : PresenceStoreContract
{
    protected override IPresenceStore Store { get; } = new InMemoryPresenceStore();
}
