using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Portal.Data;

/// <summary>
/// How the portal opens its SQLite database. Write-ahead logging (<c>journal_mode=WAL</c>, kept in the file): readers
/// never wait for a writer and a commit is one append and one fsync of the log (<c>synchronous</c> stays FULL, so a
/// receipt the portal has given survives a power cut). <c>busy_timeout</c>: a writer that finds the write lock taken
/// waits inside SQLite, retrying within milliseconds of the lock's release; without it Microsoft.Data.Sqlite retries a
/// busy statement itself after sleeping 150 ms on the thread, which under a deadline rush (benchmark
/// <c>deadline-rush</c>, docs/benchmarks.md) put whole 150 ms steps into the bids' latency.
/// </summary>
internal sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    /// <summary>As long as a command may take (Microsoft.Data.Sqlite's default command timeout, 30 s).</summary>
    private const string PerConnection = "PRAGMA busy_timeout = 30000;";

    private const string OncePerDatabase = "PRAGMA journal_mode = WAL;";

    private int _walSet;

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Commands();
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Commands();
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The busy timeout on every connection; the journal mode on the first one the process opens (the file keeps it).</summary>
    private string Commands() => Interlocked.Exchange(ref _walSet, 1) == 0 ? PerConnection + OncePerDatabase : PerConnection;
}
