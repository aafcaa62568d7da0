namespace AuthEvents.Web.Components.Pages.Live;

/// <summary>What <see cref="LiveWindow.SetHold"/> changed: the caller drops a running read when a hold starts and catches up when it ends.</summary>
public enum HoldChange
{
    /// <summary>The view held still before and does now, or moved before and does now.</summary>
    None,

    /// <summary>The view holds still from now on.</summary>
    Started,

    /// <summary>The view moves again: read what arrived.</summary>
    Ended,
}
