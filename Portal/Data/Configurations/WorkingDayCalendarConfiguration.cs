using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Portal.Domain.Calendar;

namespace Portal.Data.Configurations;

/// <summary>One row a year; its holidays and make-up working days as one JSON column, replaced as a whole.</summary>
internal sealed class WorkingDayCalendarConfiguration : IEntityTypeConfiguration<WorkingDayCalendar>
{
    public void Configure(EntityTypeBuilder<WorkingDayCalendar> builder)
    {
        builder.ToTable("WorkingDayCalendars");
        builder.HasKey(c => c.Year);
        builder.Property(c => c.Year).ValueGeneratedNever();
        builder.Property(c => c.Source).HasMaxLength(WorkingDayCalendar.MaxSourceLength + 100);
        builder.OwnsMany(c => c.Days, d =>
        {
            d.ToJson("days");
            d.Property(x => x.Kind).HasConversion<string>();
        });
        builder.Navigation(c => c.Days).UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(c => c.Holidays);
        builder.Ignore(c => c.Workdays);
    }
}
