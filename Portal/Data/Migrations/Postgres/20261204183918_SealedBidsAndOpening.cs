using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SealedBidsAndOpening : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "OpeningClosedAtUtc",
                table: "Lots",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OpeningEndsAtUtc",
                table: "Lots",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OpeningStartedAtUtc",
                table: "Lots",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Proposal",
                table: "Bids",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(20000)",
                oldMaxLength: 20000);

            migrationBuilder.AlterColumn<decimal>(
                name: "PriceYuan",
                table: "Bids",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: true,
                oldClrType: typeof(decimal),
                oldType: "numeric(18,2)",
                oldPrecision: 18,
                oldScale: 2);

            migrationBuilder.AddColumn<string>(
                name: "Fault",
                table: "Bids",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FaultDetail",
                table: "Bids",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OpenedAtUtc",
                table: "Bids",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "OpeningKey",
                table: "Bids",
                type: "bytea",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "SealedCiphertext",
                table: "Bids",
                type: "bytea",
                maxLength: 196608,
                nullable: true);

            migrationBuilder.AddColumn<byte[]>(
                name: "SealedIv",
                table: "Bids",
                type: "bytea",
                maxLength: 12,
                nullable: true);

            // Bids recorded in plain before sealing existed: those of open lots stay readable as they were, as opened
            // bids (there is no ciphertext to open); the lots past their deadline count their opening as done then.
            migrationBuilder.Sql("""UPDATE "Bids" SET "Status" = 'Opened' WHERE "Status" = 'Active';""");
            migrationBuilder.Sql("""UPDATE "Lots" SET "OpeningStartedAtUtc" = (SELECT "DeadlineUtc" FROM "Tenders" WHERE "Tenders"."Id" = "Lots"."TenderId"), "OpeningEndsAtUtc" = (SELECT "DeadlineUtc" FROM "Tenders" WHERE "Tenders"."Id" = "Lots"."TenderId"), "OpeningClosedAtUtc" = (SELECT "DeadlineUtc" FROM "Tenders" WHERE "Tenders"."Id" = "Lots"."TenderId") WHERE "Status" NOT IN ('Draft', 'Open') AND "TenderId" IN (SELECT "Id" FROM "Tenders" WHERE "Status" = 'Published');""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OpeningClosedAtUtc",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "OpeningEndsAtUtc",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "OpeningStartedAtUtc",
                table: "Lots");

            migrationBuilder.DropColumn(
                name: "Fault",
                table: "Bids");

            migrationBuilder.DropColumn(
                name: "FaultDetail",
                table: "Bids");

            migrationBuilder.DropColumn(
                name: "OpenedAtUtc",
                table: "Bids");

            migrationBuilder.DropColumn(
                name: "OpeningKey",
                table: "Bids");

            migrationBuilder.DropColumn(
                name: "SealedCiphertext",
                table: "Bids");

            migrationBuilder.DropColumn(
                name: "SealedIv",
                table: "Bids");

            migrationBuilder.AlterColumn<string>(
                name: "Proposal",
                table: "Bids",
                type: "character varying(20000)",
                maxLength: 20000,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(20000)",
                oldMaxLength: 20000,
                oldNullable: true);

            migrationBuilder.AlterColumn<decimal>(
                name: "PriceYuan",
                table: "Bids",
                type: "numeric(18,2)",
                precision: 18,
                scale: 2,
                nullable: false,
                defaultValue: 0m,
                oldClrType: typeof(decimal),
                oldType: "numeric(18,2)",
                oldPrecision: 18,
                oldScale: 2,
                oldNullable: true);
        }
    }
}
