namespace DialNexa.Functions.Redaction;

/// <summary>How a word behaves inside a spoken number.</summary>
internal enum WordRole : byte
{
    Other,

    /// <summary>zero..nine (Value 0-9), "oh"/"o" (zero, only between digits).</summary>
    Digit,
    Oh,

    /// <summary>ten..nineteen (Value 10-19).</summary>
    Teen,

    /// <summary>twenty..ninety (Value 2-9, the tens digit).</summary>
    Tens,
    Double,
    Triple,

    /// <summary>uh, um, er: skipped inside a run.</summary>
    Filler,

    /// <summary>dash, hyphen, space: a separator inside a run.</summary>
    Separator,

    /// <summary>slash: separates month and year of an expiry.</summary>
    Slash,

    /// <summary>hundred, thousand, dollars: amount language; a run that meets it is an amount.</summary>
    AmountWord,
}
