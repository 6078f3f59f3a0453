namespace DialNexa.Functions.Extraction;

/// <summary>A number written or spoken digit by digit ("0803 555 0147", "oh seven seven double zero"): where it is and its digits.</summary>
internal readonly record struct DigitRun(int Start, int End, string Digits, bool Spoken, bool Plus);
