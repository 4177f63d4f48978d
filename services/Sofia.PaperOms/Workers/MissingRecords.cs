namespace Sofia.PaperOms.Workers;

/// <summary>Book sequences <paramref name="From"/>..<paramref name="To"/> of <paramref name="Book"/>, absent from the streams.</summary>
internal readonly record struct MissingRecords(string Book, ulong From, ulong To)
{
    public ulong Count => To - From + 1;
}
