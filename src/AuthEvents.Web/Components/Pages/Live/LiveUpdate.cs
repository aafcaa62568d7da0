namespace AuthEvents.Web.Components.Pages.Live;

/// <summary>What a read did to a <see cref="LiveWindow"/>.</summary>
public enum LiveUpdate
{
    /// <summary>Not applied: the view holds still, or the read was of another filter.</summary>
    Dropped,

    /// <summary>Not applied: a full read replaced the rows while this one ran; read again from the window's snapshot.</summary>
    Superseded,

    /// <summary>Not applied: more arrived than one update reads; read the rows again.</summary>
    Overflowed,

    /// <summary>Applied; the rows and total on screen are the same.</summary>
    Unchanged,

    /// <summary>Applied; the rows or the total changed.</summary>
    Changed,
}
