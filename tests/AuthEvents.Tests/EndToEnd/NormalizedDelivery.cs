using AuthEvents.Core.Inbox;
using AuthEvents.Core.Normalization;
using AuthEvents.Demo.Simulation;

namespace AuthEvents.Tests.EndToEnd;

/// <summary>One simulated delivery with the dedupe key its normalizer read and what normalizing it gave.</summary>
public sealed record NormalizedDelivery(SimulatedDelivery Delivery, InboxKey? Key, NormalizationResult Result);
