namespace AuthEvents.Core.Alerts.Rules;

/// <summary>What <see cref="SmsPumpingRule"/> keys its alerts by.</summary>
public enum SmsPumpingKey
{
    /// <summary>The client address.</summary>
    Ip = 1,

    /// <summary>The provider's tenant (<c>Source/tenant</c>): pumping spread over many addresses.</summary>
    Source = 2,
}
