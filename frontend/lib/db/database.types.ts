
export type Json = string | number | boolean | null | { [key: string]: Json | undefined } | Json[]

export type Database = {
  
  "public": {
          Tables: {
            "conversations": {
                  Row: {
                    "activity_at": string | null,"created_at": string,"id": string,"last_message_at": string | null,"ledger": NonNullable<Json>,"metadata": NonNullable<Json>,"owner_id": string,"status": string,"title": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "activity_at"?: never,"created_at"?: string,"id"?: string,"last_message_at"?: string | null,"ledger"?: NonNullable<Json>,"metadata"?: NonNullable<Json>,"owner_id": string,"status"?: string,"title"?: string,"updated_at"?: string
                  }
                  Update: {
                    "activity_at"?: never,"created_at"?: string,"id"?: string,"last_message_at"?: string | null,"ledger"?: NonNullable<Json>,"metadata"?: NonNullable<Json>,"owner_id"?: string,"status"?: string,"title"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    
                  ]
                },"feedback": {
                  Row: {
                    "comment": string | null,"conversation_id": string,"created_at": string,"id": string,"message_id": string | null,"owner_id": string,"rating": number | null,"tags": (string)[],"thumbs": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "comment"?: string | null,"conversation_id": string,"created_at"?: string,"id"?: string,"message_id"?: string | null,"owner_id": string,"rating"?: number | null,"tags"?: (string)[],"thumbs"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "comment"?: string | null,"conversation_id"?: string,"created_at"?: string,"id"?: string,"message_id"?: string | null,"owner_id"?: string,"rating"?: number | null,"tags"?: (string)[],"thumbs"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "feedback_conversation_id_owner_id_fkey"
      columns: ["conversation_id","owner_id"]
isOneToOne: false
      referencedRelation: "conversations"
      referencedColumns: ["id","owner_id"]
    },{
      foreignKeyName: "feedback_message_id_fkey"
      columns: ["message_id"]
isOneToOne: false
      referencedRelation: "messages"
      referencedColumns: ["id"]
    }
                  ]
                },"messages": {
                  Row: {
                    "client_message_id": string | null,"content": string,"conversation_id": string,"created_at": string,"error_code": string | null,"id": string,"input_tokens": number | null,"latency_ms": number | null,"ledger": Json | null,"model": string | null,"output_tokens": number | null,"owner_id": string,"parts": NonNullable<Json>,"role": string,"search_tsv": unknown,"seq": number,"status": string,"superseded_by": string | null,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "client_message_id"?: string | null,"content"?: string,"conversation_id": string,"created_at"?: string,"error_code"?: string | null,"id"?: string,"input_tokens"?: number | null,"latency_ms"?: number | null,"ledger"?: Json | null,"model"?: string | null,"output_tokens"?: number | null,"owner_id": string,"parts"?: NonNullable<Json>,"role": string,"search_tsv"?: never,"seq"?: never,"status"?: string,"superseded_by"?: string | null,"updated_at"?: string
                  }
                  Update: {
                    "client_message_id"?: string | null,"content"?: string,"conversation_id"?: string,"created_at"?: string,"error_code"?: string | null,"id"?: string,"input_tokens"?: number | null,"latency_ms"?: number | null,"ledger"?: Json | null,"model"?: string | null,"output_tokens"?: number | null,"owner_id"?: string,"parts"?: NonNullable<Json>,"role"?: string,"search_tsv"?: never,"seq"?: never,"status"?: string,"superseded_by"?: string | null,"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "messages_conversation_id_owner_id_fkey"
      columns: ["conversation_id","owner_id"]
isOneToOne: false
      referencedRelation: "conversations"
      referencedColumns: ["id","owner_id"]
    },{
      foreignKeyName: "messages_superseded_by_fkey"
      columns: ["superseded_by"]
isOneToOne: false
      referencedRelation: "messages"
      referencedColumns: ["id"]
    }
                  ]
                },"plan_versions": {
                  Row: {
                    "action": NonNullable<Json>,"catalog_version": string,"created_at": string,"grocery": NonNullable<Json>,"label": string,"ledger": NonNullable<Json>,"owner_id": string,"plan": NonNullable<Json>,"plan_id": string,"state": NonNullable<Json>,"version": number
                  }
                  ComputedFields: never
                  Insert: {
                    "action": NonNullable<Json>,"catalog_version": string,"created_at"?: string,"grocery": NonNullable<Json>,"label": string,"ledger": NonNullable<Json>,"owner_id": string,"plan": NonNullable<Json>,"plan_id": string,"state": NonNullable<Json>,"version": number
                  }
                  Update: {
                    "action"?: NonNullable<Json>,"catalog_version"?: string,"created_at"?: string,"grocery"?: NonNullable<Json>,"label"?: string,"ledger"?: NonNullable<Json>,"owner_id"?: string,"plan"?: NonNullable<Json>,"plan_id"?: string,"state"?: NonNullable<Json>,"version"?: number
                  }
                  Relationships: [
                    {
      foreignKeyName: "plan_versions_plan_id_owner_id_fkey"
      columns: ["plan_id","owner_id"]
isOneToOne: false
      referencedRelation: "plans"
      referencedColumns: ["id","owner_id"]
    }
                  ]
                },"plans": {
                  Row: {
                    "conversation_id": string,"created_at": string,"current_version": number,"from_event": number | null,"from_message_id": string | null,"id": string,"owner_id": string,"share_id": string | null,"ticks": (string)[],"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "conversation_id": string,"created_at"?: string,"current_version"?: number,"from_event"?: number | null,"from_message_id"?: string | null,"id"?: string,"owner_id": string,"share_id"?: string | null,"ticks"?: (string)[],"updated_at"?: string
                  }
                  Update: {
                    "conversation_id"?: string,"created_at"?: string,"current_version"?: number,"from_event"?: number | null,"from_message_id"?: string | null,"id"?: string,"owner_id"?: string,"share_id"?: string | null,"ticks"?: (string)[],"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "plans_conversation_id_owner_id_fkey"
      columns: ["conversation_id","owner_id"]
isOneToOne: false
      referencedRelation: "conversations"
      referencedColumns: ["id","owner_id"]
    },{
      foreignKeyName: "plans_from_message_id_fkey"
      columns: ["from_message_id"]
isOneToOne: false
      referencedRelation: "messages"
      referencedColumns: ["id"]
    }
                  ]
                },"profiles": {
                  Row: {
                    "allergens": (string)[],"created_at": string,"diet": string,"dislikes": (string)[],"household_size": number,"kcal_per_day": number | null,"max_minutes_per_meal": number | null,"members": NonNullable<Json>,"owner_id": string,"pantry": (string)[],"protein_g_per_day": number | null,"units": string,"updated_at": string,"weekly_prep_minutes": number | null
                  }
                  ComputedFields: never
                  Insert: {
                    "allergens"?: (string)[],"created_at"?: string,"diet"?: string,"dislikes"?: (string)[],"household_size"?: number,"kcal_per_day"?: number | null,"max_minutes_per_meal"?: number | null,"members"?: NonNullable<Json>,"owner_id": string,"pantry"?: (string)[],"protein_g_per_day"?: number | null,"units"?: string,"updated_at"?: string,"weekly_prep_minutes"?: number | null
                  }
                  Update: {
                    "allergens"?: (string)[],"created_at"?: string,"diet"?: string,"dislikes"?: (string)[],"household_size"?: number,"kcal_per_day"?: number | null,"max_minutes_per_meal"?: number | null,"members"?: NonNullable<Json>,"owner_id"?: string,"pantry"?: (string)[],"protein_g_per_day"?: number | null,"units"?: string,"updated_at"?: string,"weekly_prep_minutes"?: number | null
                  }
                  Relationships: [
                    
                  ]
                },"recipe_lines": {
                  Row: {
                    "group_name": string | null,"ingredient_id": string | null,"matched_by": string | null,"owner_id": string,"position": number,"quantity": number | null,"recipe_id": string,"safe_diet": string | null,"safe_free_of": (string)[] | null,"text": string,"unit": string | null
                  }
                  ComputedFields: never
                  Insert: {
                    "group_name"?: string | null,"ingredient_id"?: string | null,"matched_by"?: string | null,"owner_id": string,"position": number,"quantity"?: number | null,"recipe_id": string,"safe_diet"?: string | null,"safe_free_of"?: (string)[] | null,"text": string,"unit"?: string | null
                  }
                  Update: {
                    "group_name"?: string | null,"ingredient_id"?: string | null,"matched_by"?: string | null,"owner_id"?: string,"position"?: number,"quantity"?: number | null,"recipe_id"?: string,"safe_diet"?: string | null,"safe_free_of"?: (string)[] | null,"text"?: string,"unit"?: string | null
                  }
                  Relationships: [
                    {
      foreignKeyName: "recipe_lines_recipe_id_owner_id_fkey"
      columns: ["recipe_id","owner_id"]
isOneToOne: false
      referencedRelation: "recipes"
      referencedColumns: ["id","owner_id"]
    }
                  ]
                },"recipes": {
                  Row: {
                    "cook_minutes": number | null,"created_at": string,"cuisine": string,"from_link": string | null,"from_message_id": string | null,"id": string,"image_url": string | null,"mark": string | null,"meal_types": (string)[],"owner_id": string,"prep_minutes": number | null,"servings": number,"source_url": string | null,"steps": (string)[],"tags": (string)[],"title": string,"updated_at": string
                  }
                  ComputedFields: never
                  Insert: {
                    "cook_minutes"?: number | null,"created_at"?: string,"cuisine"?: string,"from_link"?: string | null,"from_message_id"?: string | null,"id"?: string,"image_url"?: string | null,"mark"?: string | null,"meal_types": (string)[],"owner_id": string,"prep_minutes"?: number | null,"servings": number,"source_url"?: string | null,"steps"?: (string)[],"tags"?: (string)[],"title": string,"updated_at"?: string
                  }
                  Update: {
                    "cook_minutes"?: number | null,"created_at"?: string,"cuisine"?: string,"from_link"?: string | null,"from_message_id"?: string | null,"id"?: string,"image_url"?: string | null,"mark"?: string | null,"meal_types"?: (string)[],"owner_id"?: string,"prep_minutes"?: number | null,"servings"?: number,"source_url"?: string | null,"steps"?: (string)[],"tags"?: (string)[],"title"?: string,"updated_at"?: string
                  }
                  Relationships: [
                    {
      foreignKeyName: "recipes_from_message_id_fkey"
      columns: ["from_message_id"]
isOneToOne: false
      referencedRelation: "messages"
      referencedColumns: ["id"]
    }
                  ]
                }
          }
          Views: {
            [_ in never]: never
          }
          Functions: {
            "add_plan_version":
{ Args: { "p_base_version": number,"p_owner": string,"p_plan_id": string,"p_version": Json }; Returns: Json
                           },
"append_user_message":
{ Args: { "p_client_message_id": string,"p_content": string,"p_conversation_id": string,"p_owner": string }; Returns: Json
                           },
"archive_conversation":
{ Args: { "p_archived": boolean,"p_conversation_id": string,"p_owner": string }; Returns: Json
                           },
"begin_assistant_message":
{ Args: { "p_client_message_id": string,"p_conversation_id": string,"p_model": string,"p_owner": string }; Returns: Json
                           },
"complete_assistant_message":
{ Args: { "p_content": string,"p_error_code": string,"p_input_tokens": number,"p_latency_ms": number,"p_message_id": string,"p_model": string,"p_output_tokens": number,"p_owner": string,"p_parts": Json,"p_status": string }; Returns: Json
                           },
"create_conversation":
{ Args: { "p_metadata": Json,"p_owner": string,"p_title": string }; Returns: Json
                           },
"create_plan":
{ Args: { "p_conversation_id": string,"p_owner": string,"p_version": Json }; Returns: Json
                           },
"create_plan_from_event":
{ Args: { "p_conversation_id": string,"p_event": number,"p_message_id": string,"p_owner": string,"p_version": Json }; Returns: Json
                           },
"delete_conversation":
{ Args: { "p_conversation_id": string,"p_owner": string }; Returns: boolean
                           },
"delete_recipe":
{ Args: { "p_owner": string,"p_recipe_id": string }; Returns: boolean
                           },
"get_conversation":
{ Args: { "p_conversation_id": string,"p_owner": string }; Returns: Json
                           },
"get_current_plan":
{ Args: { "p_conversation_id": string,"p_owner": string }; Returns: Json
                           },
"get_plan":
{ Args: { "p_owner": string,"p_plan_id": string,"p_version": number }; Returns: Json
                           },
"get_profile":
{ Args: { "p_owner": string }; Returns: Json
                           },
"get_recipe":
{ Args: { "p_owner": string,"p_recipe_id": string }; Returns: Json
                           },
"get_shared_plan":
{ Args: { "p_share_id": string }; Returns: Json
                           },
"list_conversations":
{ Args: { "p_cursor_at": string,"p_cursor_id": string,"p_limit": number,"p_owner": string,"p_search": string,"p_status": string }; Returns: Json
                           },
"list_messages":
{ Args: { "p_conversation_id": string,"p_limit": number,"p_owner": string }; Returns: Json
                           },
"list_recipes":
{ Args: { "p_owner": string }; Returns: Json
                           },
"mark_recipe":
{ Args: { "p_mark": string,"p_owner": string,"p_recipe_id": string }; Returns: Json
                           },
"rename_conversation":
{ Args: { "p_conversation_id": string,"p_owner": string,"p_title": string }; Returns: Json
                           },
"save_conversation_ledger":
{ Args: { "p_conversation_id": string,"p_ledger": Json,"p_ledger_before": Json,"p_owner": string }; Returns: Json
                           },
"save_conversation_rating":
{ Args: { "p_comment": string,"p_conversation_id": string,"p_owner": string,"p_rating": number,"p_tags": (string)[] }; Returns: Json
                           },
"save_linked_recipe":
{ Args: { "p_link": string,"p_message_id": string,"p_owner": string,"p_recipe": Json }; Returns: Json
                           },
"save_message_feedback":
{ Args: { "p_comment": string,"p_message_id": string,"p_owner": string,"p_rating": string }; Returns: Json
                           },
"save_profile":
{ Args: { "p_owner": string,"p_profile": Json }; Returns: Json
                           },
"save_recipe":
{ Args: { "p_owner": string,"p_recipe": Json,"p_recipe_id": string }; Returns: Json
                           },
"set_plan_share":
{ Args: { "p_owner": string,"p_plan_id": string,"p_share_id": string }; Returns: boolean
                           },
"set_plan_tick":
{ Args: { "p_ingredient_id": string,"p_owner": string,"p_plan_id": string,"p_ticked": boolean }; Returns: Json
                           },
"start_chat_turn":
{ Args: { "p_client_message_id": string,"p_content": string,"p_conversation_id": string,"p_ledger": Json,"p_ledger_before": Json,"p_owner": string,"p_title": string }; Returns: Json
                           },
"supersede_messages":
{ Args: { "p_by": string,"p_conversation_id": string,"p_message_ids": (string)[],"p_owner": string }; Returns: Json
                           }
          }
          Enums: {
            [_ in never]: never
          }
          CompositeTypes: {
            [_ in never]: never
          }
        }
}

type DatabaseWithoutInternals = Omit<Database, '__InternalSupabase'>

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
  ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
      Row: infer R
    }
    ? R
    : never
  : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
  ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Insert: infer I
    }
    ? I
    : never
  : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never
> = DefaultSchemaTableNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
  ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
      Update: infer U
    }
    ? U
    : never
  : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never
> = DefaultSchemaEnumNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
  ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
  : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never
> = PublicCompositeTypeNameOrOptions extends { schema: keyof DatabaseWithoutInternals }
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
  ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
  : never

export const Constants = {
  "public": {
          Enums: {
            
          }
        }
} as const
