using Portal.Domain;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Features.Accounts;

/// <summary>Sign-in checks and SME self-registration, shared by the pages and the API.</summary>
public sealed class AccountService(
    PortalDbContext db,
    UserManager<PortalUser> users,
    SignInManager<PortalUser> signInManager,
    TimeProvider clock)
{
    public const string WrongCredentials = "The email or password is incorrect.";

    /// <summary>
    /// Checks the password, counting failures towards lockout. Never says which of email or password was wrong.
    /// </summary>
    public async Task<CredentialCheck> CheckCredentialsAsync(string? email, string? password)
    {
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return new CredentialCheck(null, Phrase.Of(WrongCredentials));
        }
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
        {
            return new CredentialCheck(null, Phrase.Of(WrongCredentials));
        }
        var result = await signInManager.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return new CredentialCheck(user, null);
        }
        return new CredentialCheck(null, result.IsLockedOut ? await LockoutMessageAsync(user) : Phrase.Of(WrongCredentials));
    }

    public async Task<Phrase> LockoutMessageAsync(PortalUser user)
    {
        var end = await users.GetLockoutEndDateAsync(user);
        var minutes = end is { } e ? Math.Max(1, (int)Math.Ceiling((e - clock.GetUtcNow()).TotalMinutes)) : 15;
        return minutes == 1
            ? Phrase.Of("This account is locked after 5 failed sign-in attempts. Try again in 1 minute.")
            : new Phrase("This account is locked after 5 failed sign-in attempts. Try again in {0} minutes.", minutes);
    }

    /// <summary>Creates a user with the <see cref="Roles.Sme"/> role, or nothing at all when any check fails.</summary>
    public async Task<RegistrationResult> RegisterSmeAsync(string? email, string? password)
    {
        var errors = new Dictionary<string, string[]>();
        var trimmed = email?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            errors["email"] = ["Email is required."];
        }
        else if (trimmed.Length > 256 || !new EmailAddressAttribute().IsValid(trimmed) || !trimmed.Contains('.'))
        {
            errors["email"] = ["Enter a valid email address, such as name@company.cn."];
        }
        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = ["Password is required."];
        }
        else
        {
            var problems = new List<string>();
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, new PortalUser(), password);
                problems.AddRange(result.Errors.Select(e => e.Description));
            }
            if (problems.Count > 0)
            {
                errors["password"] = [.. problems];
            }
        }
        if (errors.Count > 0)
        {
            return RegistrationResult.Invalid(errors);
        }
        if (await users.FindByEmailAsync(trimmed) is not null)
        {
            return RegistrationResult.Conflict("An account with this email already exists. Sign in, or use another email.");
        }

        var user = new PortalUser { UserName = trimmed, Email = trimmed, CreatedAtUtc = clock.GetUtcNow().UtcDateTime };
        await using var transaction = await db.Database.BeginTransactionAsync();
        var created = await users.CreateAsync(user, password!);
        if (created.Succeeded)
        {
            created = await users.AddToRoleAsync(user, Roles.Sme);
        }
        if (!created.Succeeded)
        {
            await transaction.RollbackAsync();
            return RegistrationResult.Invalid(new Dictionary<string, string[]>
            {
                ["email"] = [.. created.Errors.Select(e => e.Description)],
            });
        }
        await transaction.CommitAsync();
        return RegistrationResult.Created(user);
    }

    /// <summary>Who the caller is: email, roles and the supplier profile they maintain, if any.</summary>
    public async Task<Me?> DescribeAsync(string? userId)
    {
        if (userId is null || await users.FindByIdAsync(userId) is not { } user)
        {
            return null;
        }
        var roles = await users.GetRolesAsync(user);
        var supplierId = await db.Suppliers.AsNoTracking()
            .Where(s => s.OwnerUserId == user.Id)
            .Select(s => (Guid?)s.Id)
            .FirstOrDefaultAsync();
        return new Me(user.Email!, [.. roles.Order()], supplierId);
    }
}

public sealed record CredentialCheck(PortalUser? User, Phrase? Error);

public sealed record Me(string Email, IReadOnlyList<string> Roles, Guid? SupplierId);

public sealed record RegistrationResult(PortalUser? User, IReadOnlyDictionary<string, string[]>? Errors, string? ConflictMessage)
{
    public static RegistrationResult Created(PortalUser user) => new(user, null, null);
    public static RegistrationResult Invalid(IReadOnlyDictionary<string, string[]> errors) => new(null, errors, null);
    public static RegistrationResult Conflict(string message) => new(null, null, message);
}
